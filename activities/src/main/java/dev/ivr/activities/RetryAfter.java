package dev.ivr.activities;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} value: seconds, possibly fractional (Graph sends {@code 2.128}),
 * or an HTTP date. Capped at {@link #MAX}; Temporal's schedule-to-close bounds the wait anyway.
 */
public final class RetryAfter {
  public static final Duration MAX = Duration.ofMinutes(10);

  private RetryAfter() {}

  /** The wait, or empty when the value is missing, negative or unreadable. */
  public static Optional<Duration> parse(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    try {
      BigDecimal seconds = new BigDecimal(v);
      if (seconds.signum() < 0) {
        return Optional.empty();
      }
      if (seconds.compareTo(BigDecimal.valueOf(MAX.toSeconds())) > 0) {
        return Optional.of(MAX);
      }
      return Optional.of(Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact()));
    } catch (NumberFormatException | ArithmeticException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
        if (wait.isNegative()) {
          return Optional.of(Duration.ZERO);
        }
        return Optional.of(wait.compareTo(MAX) > 0 ? MAX : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
