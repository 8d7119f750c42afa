package dev.ivr.workflows.interpreter;

import dev.ivr.workflows.flow.BusinessHoursNode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides open or closed at an instant (the workflow's time, so replay decides the same), in the
 * node's IANA zone: an override of the date wins, then a holiday, then the weekly ranges.
 */
final class BusinessHours {
  private BusinessHours() {}

  static boolean isOpen(BusinessHoursNode node, long epochMillis) {
    ZonedDateTime now = Instant.ofEpochMilli(epochMillis).atZone(ZoneId.of(node.timeZone()));
    String date = now.toLocalDate().toString();
    List<String> ranges;
    if (node.overrides().containsKey(date)) {
      ranges = node.overrides().get(date);
    } else if (node.holidays().contains(date)) {
      return false;
    } else {
      ranges = weekly(node.weekly(), now.getDayOfWeek());
    }
    LocalTime time = now.toLocalTime();
    return ranges != null && ranges.stream().anyMatch(range -> within(range, time));
  }

  /** Ranges for a day, by its three-letter key (mon..sun) or its full name, any case. */
  private static List<String> weekly(Map<String, List<String>> weekly, DayOfWeek day) {
    String shortName = day.name().substring(0, 3).toLowerCase(Locale.ROOT);
    for (Map.Entry<String, List<String>> entry : weekly.entrySet()) {
      String key = entry.getKey().toLowerCase(Locale.ROOT);
      if (key.equals(shortName) || key.equals(day.name().toLowerCase(Locale.ROOT))) {
        return entry.getValue();
      }
    }
    return List.of();
  }

  /** {@code HH:mm-HH:mm}, end exclusive; {@code 24:00} ends at midnight; an end before the start wraps. */
  static boolean within(String range, LocalTime time) {
    String[] parts = range.trim().split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("business hours range must be HH:mm-HH:mm, got '" + range + "'");
    }
    LocalTime start = LocalTime.parse(parts[0].trim());
    String endText = parts[1].trim();
    if (endText.equals("24:00")) {
      return !time.isBefore(start);
    }
    LocalTime end = LocalTime.parse(endText);
    if (end.isAfter(start)) {
      return !time.isBefore(start) && time.isBefore(end);
    }
    return !time.isBefore(start) || time.isBefore(end);
  }
}
