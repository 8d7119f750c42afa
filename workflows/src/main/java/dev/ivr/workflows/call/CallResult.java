package dev.ivr.workflows.call;

import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.event.ResultInfo;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a call ended: its {@link CallOutcome}, the path taken, the stored recordings, Graph's end
 * reason ({@code endReason}, the terminated call's resultInfo, and {@code terminationReason} when
 * Graph named one, e.g. {@code AppTransferred}), the flow's variables at the end (redacted as the
 * flow declares) and, for a call that the {@link CallBackstop} ended, the unexpected exception that
 * ended it ({@code failure}: type, message and where; null otherwise). {@code attempts}: each placing of
 * an outbound call whose flow retries ({@code outbound.retry}), in order; null (absent) for every other call.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallResult(
    String callId,
    CallOutcome outcome,
    List<StepTaken> path,
    List<RecordingStored> recordings,
    ResultInfo endReason,
    Map<String, Object> variables,
    String terminationReason,
    String failure,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<CallAttempt> attempts) {
  public CallResult {
    attempts = attempts == null ? null : List.copyOf(attempts);
    path = List.copyOf(path);
    recordings = List.copyOf(recordings);
    variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
  }

  /** A result without attempts: every call but an outbound one whose flow retries. */
  public CallResult(String callId, CallOutcome outcome, List<StepTaken> path, List<RecordingStored> recordings,
      ResultInfo endReason, Map<String, Object> variables, String terminationReason, String failure) {
    this(callId, outcome, path, recordings, endReason, variables, terminationReason, failure, null);
  }

  public CallResult(String callId, CallOutcome outcome, List<StepTaken> path, List<RecordingStored> recordings,
      ResultInfo endReason, Map<String, Object> variables, String terminationReason) {
    this(callId, outcome, path, recordings, endReason, variables, terminationReason, null);
  }

  public CallResult(String callId, CallOutcome outcome, List<StepTaken> path, List<RecordingStored> recordings,
      ResultInfo endReason, Map<String, Object> variables) {
    this(callId, outcome, path, recordings, endReason, variables, null);
  }

  public CallResult(String callId, CallOutcome outcome, List<StepTaken> path, List<RecordingStored> recordings,
      ResultInfo endReason) {
    this(callId, outcome, path, recordings, endReason, null, null);
  }
}
