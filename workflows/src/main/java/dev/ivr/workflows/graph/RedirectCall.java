package dev.ivr.workflows.graph;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Forward an incoming call before it is answered to exactly one of a phone number (E.164), a Teams
 * user or an application instance (Graph {@code redirect}; the ring {@code timeoutSeconds} within
 * 15..90). Graph answers 202; the call then ends, {@code terminated} with the resultInfo of the
 * outcome (a 2xx when the target answered).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RedirectCall(String callId, String callbackUri, String phone, String user, String applicationInstance,
    int timeoutSeconds) {
  /** A phone number or user id is personal data: never printed. */
  @Override
  public String toString() {
    return "RedirectCall[callId=" + callId + ", target="
        + (phone != null ? "phone <redacted>" : user != null ? "user <redacted>" : "applicationInstance " + applicationInstance)
        + ", timeoutSeconds=" + timeoutSeconds + "]";
  }
}
