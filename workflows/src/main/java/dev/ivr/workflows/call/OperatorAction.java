package dev.ivr.workflows.call;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

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
