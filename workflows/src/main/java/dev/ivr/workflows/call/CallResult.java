package dev.ivr.workflows.call;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * How a call ended: {@code outcome} is one of COMPLETED (the flow hung up), CALLER_HUNG_UP,
 * TIMED_OUT (a Graph event never came) or FAILED; plus the path taken and the stored recordings.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallResult(
    String callId,
    String outcome,
    List<StepTaken> path,
    List<RecordingStored> recordings,
    ResultInfo endReason) {
  public CallResult {
    path = List.copyOf(path);
    recordings = List.copyOf(recordings);
  }
}
