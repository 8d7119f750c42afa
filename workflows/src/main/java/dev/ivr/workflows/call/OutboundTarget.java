package dev.ivr.workflows.call;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * Whom an outbound call rings: a phone number (E.164) or a Teams user (Entra object id), exactly
 * one; and the bot's application instance it calls from ({@code sourceApplicationInstance},
 * required by Graph for a phone target). The phone number is personal data: never printed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OutboundTarget(String phone, String user, String sourceApplicationInstance) {
  /** The flow variables that carried the target before it had a type of its own. */
  static final String LEGACY_PHONE = "targetPhone";
  static final String LEGACY_USER = "targetUser";
  static final String LEGACY_SOURCE = "sourceApplicationInstance";

  public OutboundTarget {
    if (blank(phone) == blank(user)) {
      throw new IllegalArgumentException("an outbound target is a phone number or a user, exactly one");
    }
  }

  public static OutboundTarget phone(String phone, String sourceApplicationInstance) {
    return new OutboundTarget(phone, null, sourceApplicationInstance);
  }

  public static OutboundTarget user(String user, String sourceApplicationInstance) {
    return new OutboundTarget(null, user, sourceApplicationInstance);
  }

  /**
   * The target of a call started before {@code CallInput.outbound} existed: its initial variables
   * {@code targetPhone} or {@code targetUser}, and {@code sourceApplicationInstance}. Null when they
   * name no target (exactly one of the two), as the call would then have failed to place anyway.
   */
  static OutboundTarget fromLegacyVariables(Map<String, Object> variables) {
    String phone = text(variables.get(LEGACY_PHONE));
    String user = text(variables.get(LEGACY_USER));
    if (blank(phone) == blank(user)) {
      return null;
    }
    return new OutboundTarget(phone, user, text(variables.get(LEGACY_SOURCE)));
  }

  @Override
  public String toString() {
    return "OutboundTarget[" + (blank(phone) ? "user <redacted>" : "phone <redacted>") + ", sourceApplicationInstance="
        + sourceApplicationInstance + "]";
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
