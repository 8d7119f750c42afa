package dev.ivr.workflows.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The call moved to a Graph {@code callState} (incoming, establishing, established, transferring,
 * transferAccepted, terminating, terminated…). {@code resultInfo} is set on terminated calls and on
 * failed transfers. The incoming-call event also carries who called and whom.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallStateChanged(
    String state, ResultInfo resultInfo, IncomingCall incoming) implements GraphEvent {
  public CallStateChanged {
    if (state == null || state.isBlank()) {
      throw new IllegalArgumentException("state is required");
    }
  }

  public static CallStateChanged of(String state) {
    return new CallStateChanged(state, null, null);
  }

  @Override
  public String dedupKey() {
    return "state:" + state + (resultInfo == null ? "" : ":" + resultInfo.code() + "/" + resultInfo.subcode());
  }

  public boolean is(String name) {
    return state.equalsIgnoreCase(name);
  }
}
