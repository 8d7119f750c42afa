package dev.ivr.api.admission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Admission control ({@code ivr.admission.*}): how many live calls the app may have, incoming and
 * outbound together, and what a caller past the limit hears.
 *
 * @param maxLiveCalls the app's limit of live calls; Graph's limit of 100 concurrent calls per
 *     application is the default
 * @param busyAnswer what a new incoming call past the limit gets: {@code reject} (Graph's reject,
 *     reason busy: the caller hears the network's busy tone; nothing is answered) or {@code prompt}
 *     (answered, the busy flow plays its prompt and hangs up)
 * @param busyFlow the flow (id or alias) a {@code prompt} busy answer runs
 * @param recount how old the visibility count may be when a call comes in at the limit: an older one
 *     is counted again before the call is refused (and in the background below the limit)
 * @param visibilityLag how long a call this api started is still counted locally after a count, in
 *     case visibility has not shown it yet
 */
@ConfigurationProperties("ivr.admission")
public record AdmissionProperties(
    @DefaultValue("100") int maxLiveCalls,
    @DefaultValue("reject") BusyAnswer busyAnswer,
    @DefaultValue("busy") String busyFlow,
    @DefaultValue("1s") Duration recount,
    @DefaultValue("3s") Duration visibilityLag) {

  /** What a new incoming call past the limit gets. */
  public enum BusyAnswer {
    REJECT,
    PROMPT
  }

  public AdmissionProperties {
    if (maxLiveCalls < 1) {
      throw new IllegalArgumentException("ivr.admission.max-live-calls must be at least 1, got " + maxLiveCalls);
    }
    if (busyFlow == null || busyFlow.isBlank()) {
      throw new IllegalArgumentException("ivr.admission.busy-flow must name a flow or alias");
    }
    if (recount.isNegative() || visibilityLag.isNegative()) {
      throw new IllegalArgumentException("ivr.admission.recount and visibility-lag must not be negative");
    }
  }
}
