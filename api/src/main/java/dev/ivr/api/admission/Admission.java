package dev.ivr.api.admission;

import dev.ivr.workflows.call.CallInput;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Decides, per new call, whether the app has room for it ({@link LiveCalls}, one counter for incoming
 * and outbound calls) and what a refused one gets. Counts the refusals in
 * {@code ivr.admission.refused} [{@code ivr_admission_refused_total}], tags {@code direction}
 * (incoming, outbound) and {@code answer} (busy-reject, busy-prompt, too-many-requests).
 */
@Component
public class Admission {
  private final LiveCalls live;
  private final AdmissionProperties properties;
  private final MeterProvider<Counter> refused;

  Admission(LiveCalls live, AdmissionProperties properties, MeterRegistry registry) {
    this.live = live;
    this.properties = properties;
    this.refused = Counter.builder("ivr.admission.refused")
        .description("New calls refused at the app's limit of live calls, by direction and answer")
        .withRegistry(registry);
  }

  /**
   * A new incoming call's admission: null when admitted (now counted), else {@link CallInput#BUSY_REJECT}
   * or {@link CallInput#BUSY_PROMPT} as configured ({@code ivr.admission.busy-answer}).
   */
  public String incoming(String workflowId) {
    if (live.tryAdmit(workflowId)) {
      return null;
    }
    String answer = properties.busyAnswer() == AdmissionProperties.BusyAnswer.PROMPT
        ? CallInput.BUSY_PROMPT : CallInput.BUSY_REJECT;
    refused.withTags("direction", "incoming", "answer", answer).increment();
    return answer;
  }

  /** Whether a new outbound call fits (now counted); a refusal is the caller's 429. */
  public boolean outbound(String workflowId) {
    if (live.tryAdmit(workflowId)) {
      return true;
    }
    refused.withTags("direction", "outbound", "answer", "too-many-requests").increment();
    return false;
  }

  /** A counted call whose workflow did not start after all. */
  public void release(String workflowId) {
    live.release(workflowId);
  }

  /** The flow (id or alias) a busy prompt runs. */
  public String busyFlow() {
    return properties.busyFlow();
  }

  /** The limit of live calls. */
  public int limit() {
    return live.limit();
  }
}
