package dev.ivr.workflows.operator;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ivr.workflows.graph.CreateCall;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an operator asks of a live call, and who asked when (the api fills {@code operator} with the
 * authenticated user and {@code requestedAt} with its clock, ISO-8601).
 *
 * <ul>
 *   <li>{@code hangup}: the call ends now; outcome {@code OPERATOR_HUNG_UP}.
 *   <li>{@code transfer}: to {@code target}, an E.164 number ({@code targetKind = phone}) or an agent's
 *       Entra user id ({@code targetKind = user}).
 *   <li>{@code announce}: plays the flow's prompt {@code promptKey} to the caller.
 * </ul>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OperatorAction(
    String type, String operator, String requestedAt, String reason, String target, String targetKind,
    String promptKey) {
  public static final String HANGUP = "hangup";
  public static final String TRANSFER = "transfer";
  public static final String ANNOUNCE = "announce";
  public static final String PHONE = "phone";
  public static final String USER = "user";
  /** An Entra user id. */
  private static final Pattern GUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  public static OperatorAction hangup(String operator, String requestedAt, String reason) {
    return new OperatorAction(HANGUP, operator, requestedAt, reason, null, null, null);
  }

  public static OperatorAction transfer(String operator, String requestedAt, String reason, String target,
      String targetKind) {
    return new OperatorAction(TRANSFER, operator, requestedAt, reason, target, targetKind, null);
  }

  public static OperatorAction announce(String operator, String requestedAt, String reason, String promptKey) {
    return new OperatorAction(ANNOUNCE, operator, requestedAt, reason, null, null, promptKey);
  }

  /**
   * Why this action can never be taken, whatever the call: no or an unknown type, a transfer target
   * that does not fit its {@code targetKind}, an announcement without a {@code promptKey}. Empty when
   * it is well-formed. The api answers 422 with this reason; the call rejects the signal with it.
   * Deterministic (no I/O): the workflow runs it in its signal handler.
   */
  @JsonIgnore
  public Optional<String> problem() {
    if (type == null || type.isBlank()) {
      return Optional.of("the action has no type (hangup, transfer or announce)");
    }
    String kind = type.toLowerCase(Locale.ROOT);
    if (!List.of(HANGUP, TRANSFER, ANNOUNCE).contains(kind)) {
      return Optional.of("unknown action type '" + type + "' (hangup, transfer or announce)");
    }
    if (TRANSFER.equals(kind)) {
      String to = target == null ? "" : target.trim();
      if (PHONE.equals(targetKind) && !CreateCall.E164.matcher(to).matches()) {
        return Optional.of("a phone transfer target must be an E.164 number (+ and 7 to 15 digits)");
      } else if (USER.equals(targetKind) && !GUID.matcher(to).matches()) {
        return Optional.of("a user transfer target must be an Entra user id (a GUID)");
      } else if (!PHONE.equals(targetKind) && !USER.equals(targetKind)) {
        return Optional.of("targetKind must be phone or user");
      }
    }
    if (ANNOUNCE.equals(kind) && (promptKey == null || promptKey.isBlank())) {
      return Optional.of("an announcement needs a promptKey");
    }
    return Optional.empty();
  }

  /** The action without its target, for logs, queries and the console (a number is personal data). */
  @JsonIgnore
  public OperatorAction redacted() {
    return new OperatorAction(type, operator, requestedAt, reason, target == null ? null : "[redacted]", targetKind,
        promptKey);
  }

  @Override
  public String toString() {
    return "OperatorAction[type=" + type + ", operator=" + operator + ", requestedAt=" + requestedAt + ", targetKind="
        + targetKind + ", promptKey=" + promptKey + "]";
  }
}
