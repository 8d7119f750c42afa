package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * Transfers the call with Graph {@code transfer} to a phone number (E.164), a Teams user (AAD
 * object id) or an application instance; {@code targetExpression} (CEL, a string) computes a phone
 * number instead. On success Graph ends the bot's leg (terminated 0/7015) and the call's outcome is
 * TRANSFERRED; on failure Graph returns the call to established and the flow goes to
 * {@code outcomes[reason]} ({@link #REASONS}: busy, noAnswer, declined, unreachable, failed), else
 * {@code onFailure} (default {@code onError}).
 *
 * <p>{@code replacesCallId} (CEL, a Graph call id) makes it consultative: the caller replaces the
 * bot in that call, which the bot holds with the target (Graph: Teams users of one tenant), and the
 * caller is named as the {@code transferee}. {@code mode: redirect} forwards the call before it is
 * answered (Graph's redirect, the flow's start node only): Graph ends the call either way, so a
 * redirect has no failure path.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransferNode(
    String phone, String user, String applicationInstance, String targetExpression, String onFailure, String onError,
    Map<String, String> outcomes, String replacesCallId, String mode)
    implements FlowNode {
  /** Why a transfer failed, as {@code outcomes} names it ({@link TransferReasons#of} maps Graph's resultInfo). */
  public static final List<String> REASONS = List.of("busy", "noAnswer", "declined", "unreachable", "failed");
  /** {@code mode: transfer} (default): the answered call is handed over. */
  public static final String TRANSFER = "transfer";
  /** {@code mode: redirect}: the call is forwarded before it is answered (the flow's start node only). */
  public static final String REDIRECT = "redirect";

  public TransferNode {
    outcomes = outcomes == null ? Map.of() : FlowMaps.ordered(outcomes);
    mode = mode == null ? TRANSFER : mode;
    if (!mode.equals(TRANSFER) && !mode.equals(REDIRECT)) {
      throw new IllegalArgumentException("transfer mode must be transfer or redirect, got " + mode);
    }
    int targets = (phone == null ? 0 : 1) + (user == null ? 0 : 1) + (applicationInstance == null ? 0 : 1)
        + (targetExpression == null ? 0 : 1);
    if (targets != 1) {
      throw new IllegalArgumentException(
          "transfer needs exactly one of phone, user, applicationInstance or targetExpression");
    }
    onFailure = onFailure == null ? onError : onFailure;
  }

  /** A blind transfer without outcomes by reason. */
  public TransferNode(String phone, String user, String applicationInstance, String targetExpression, String onFailure,
      String onError) {
    this(phone, user, applicationInstance, targetExpression, onFailure, onError, null, null, null);
  }

  /** Where a failure of {@code reason} goes: its outcome, else {@code onFailure}. */
  public String onFailure(String reason) {
    return outcomes.getOrDefault(reason, onFailure);
  }

  public boolean isRedirect() {
    return REDIRECT.equals(mode);
  }
}
