package dev.ivr.workflows.graph;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Transfer the call to exactly one of: a phone number (E.164), a Teams user (AAD object id), or an
 * application instance. Graph answers 202; the outcome arrives as call state notifications
 * (transferring, transferAccepted, then terminated 0/7015 on success, or established with a
 * resultInfo on failure). With {@code replacesCallId} it is consultative: Graph's
 * {@code transferTarget.replacesCallId}, and the {@code transferee} (the caller: a phone number or a
 * Teams user) when known.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransferCall(String callId, String clientContext, String phone, String user, String applicationInstance,
    String replacesCallId, String transfereePhone, String transfereeUser) {
  /** A blind transfer. */
  public TransferCall(String callId, String clientContext, String phone, String user, String applicationInstance) {
    this(callId, clientContext, phone, user, applicationInstance, null, null, null);
  }

  /** A phone number or user id is personal data: never printed. */
  @Override
  public String toString() {
    return "TransferCall[callId=" + callId + ", clientContext=" + clientContext + ", target="
        + (phone != null ? "phone <redacted>" : user != null ? "user <redacted>" : "applicationInstance " + applicationInstance)
        + (replacesCallId == null ? "" : ", consultative") + "]";
  }
}
