package dev.ivr.workflows.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The call moved to a Graph {@code callState} (incoming, establishing, established, transferring,
 * transferAccepted, terminating, terminated…). {@code resultInfo} is set on terminated calls and on
 * failed transfers. The incoming-call event also carries who called and whom. {@code terminationReason}
 * is Graph's, when a terminated call names one instead of (or besides) a resultInfo: a consultative
 * transfer ends with {@code AppTransferred}, a server-side drop with {@code CallTerminated} (null in
 * events recorded before it existed).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallStateChanged(
    String state, ResultInfo resultInfo, IncomingCall incoming, String terminationReason) implements GraphEvent {
  public CallStateChanged {
    if (state == null || state.isBlank()) {
      throw new IllegalArgumentException("state is required");
    }
  }

  public CallStateChanged(String state, ResultInfo resultInfo, IncomingCall incoming) {
    this(state, resultInfo, incoming, null);
  }

  public static CallStateChanged of(String state) {
    return new CallStateChanged(state, null, null, null);
  }

  @Override
  public String dedupKey() {
    return "state:" + state + (resultInfo == null ? "" : ":" + resultInfo.code() + "/" + resultInfo.subcode());
  }

  public boolean is(String name) {
    return state.equalsIgnoreCase(name);
  }
}
