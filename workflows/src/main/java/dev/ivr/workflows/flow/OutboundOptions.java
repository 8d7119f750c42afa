package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What a flow says about the outbound calls placed for it ({@code POST /api/calls}), under the flow's
 * {@code outbound:} key. Today one option: {@link Retry}, retries by schedule.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OutboundOptions(Retry retry) {

  /**
   * Place the call again when the callee did not answer: up to {@code attempts} calls in all; before
   * attempt n+1 the workflow waits {@code delays[n-1]} on a durable timer (ISO-8601, e.g. {@code PT5M};
   * the last delay repeats when the list is shorter than the retries); only when Graph ended the attempt
   * before it was established for one of the reasons {@code on} (those of {@link TransferReasons}:
   * {@code noAnswer}, {@code busy}, {@code declined}, {@code unreachable}, {@code failed}; default
   * {@link #DEFAULT_ON}). An answered call is never placed again.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Retry(int attempts, List<String> delays, List<String> on) {
    /** Most attempts in all, and the schedule's bounds (see flows/README.md, "outbound"). */
    public static final int MAX_ATTEMPTS = 10;
    public static final Duration MIN_DELAY = Duration.ofMinutes(1);
    public static final Duration MAX_DELAY = Duration.ofHours(6);
    /** Every wait of a schedule together: the call's whole run must fit its 24 h run timeout. */
    public static final Duration MAX_TOTAL_DELAY = Duration.ofHours(12);
    /** The reasons retried when {@code on} is not given: not {@code declined} (the callee said no), not {@code failed}. */
    public static final List<String> DEFAULT_ON = List.of("noAnswer", "busy", "unreachable");

    public Retry {
      delays = delays == null ? List.of() : List.copyOf(delays);
      on = on == null || on.isEmpty() ? DEFAULT_ON : List.copyOf(on);
    }

    /** The wait before {@code attempt} (2 or more): its delay, else the last one. */
    public Duration delayBefore(int attempt) {
      if (attempt < 2 || delays.isEmpty()) {
        throw new IllegalArgumentException("no delay before attempt " + attempt + " of " + delays);
      }
      return Duration.parse(delays.get(Math.min(attempt - 2, delays.size() - 1)));
    }

    /** Whether an attempt that ended for {@code reason} is placed again (attempts left permitting). */
    public boolean retries(String reason) {
      return on.contains(reason);
    }

    /** Each delay parsed; null for one that is not an ISO-8601 duration. */
    public List<Duration> parsedDelays() {
      return delays.stream().map(Retry::parse).toList();
    }

    private static Duration parse(String text) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException | NullPointerException e) {
        return null;
      }
    }
  }
}
