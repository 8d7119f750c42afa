package dev.ivr.workflows.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Who called whom, from the incoming-call notification. {@code callerId} may be a phone number: it
 * is personal data, kept out of search attributes and logs.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncomingCall(
    String callerId, String callerKind, String targetId, String targetKind, String tenantId, String callChainId) {
  /** The caller's id (often a phone number) is personal data: never printed. */
  @Override
  public String toString() {
    return "IncomingCall[callerKind=" + callerKind + ", callerId=<redacted>, targetId=" + targetId + ", targetKind="
        + targetKind + ", tenantId=" + tenantId + ", callChainId=" + callChainId + "]";
  }
}
