package dev.ivr.emulator;

/**
 * How the {@code Authorization: Bearer} JWT of notification POSTs is made. Anything but
 * {@link #VALID} exists to test a bot's validation ({@link GraphEmulator#notificationTokenVariant},
 * {@code POST /admin/notification-token}).
 */
public enum NotificationTokenVariant {
  /** Signed with the published key, right issuer, audience and lifetime. */
  VALID,
  /** Signed with a key that is not published (same kid as the current one). */
  BAD_SIGNATURE,
  /** Expired an hour ago. */
  EXPIRED,
  /** Audience is not the bot's app id. */
  WRONG_AUDIENCE,
  /** Issuer is neither Graph nor the Bot Framework. */
  WRONG_ISSUER,
  /** No Authorization header at all. */
  NONE
}
