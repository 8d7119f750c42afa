package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Transfers the call with Graph {@code transfer} to a phone number (E.164), a Teams user (AAD
 * object id) or an application instance; {@code targetExpression} (CEL, a string) computes a phone
 * number instead. On success Graph ends the bot's leg (terminated 0/7015) and the call's outcome is
 * TRANSFERRED; on failure Graph returns the call to established and the flow goes to
 * {@code onFailure} (default {@code onError}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransferNode(
    String phone, String user, String applicationInstance, String targetExpression, String onFailure, String onError)
    implements FlowNode {
  public TransferNode {
    int targets = (phone == null ? 0 : 1) + (user == null ? 0 : 1) + (applicationInstance == null ? 0 : 1)
        + (targetExpression == null ? 0 : 1);
    if (targets != 1) {
      throw new IllegalArgumentException(
          "transfer needs exactly one of phone, user, applicationInstance or targetExpression");
    }
    onFailure = onFailure == null ? onError : onFailure;
  }
}
