package dev.ivr.launcher.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How long a call waited on the bot: each turnaround runs from the moment Graph first sent a
 * notification to the bot's next request on that call (the emulator's own turnaround, except that a
 * notification Graph had to retry counts from its first attempt: the caller was waiting since then).
 * During an outage this is the silence a caller hears.
 */
final class Turnarounds {
  private Turnarounds() {}

  /** One wait: Graph notified at {@code notified}, the bot's next request came at {@code answered}. */
  record Turnaround(Instant notified, Instant answered) {
    Duration length() {
      return Duration.between(notified, answered);
    }

    boolean overlaps(Instant from, Instant to) {
      return !answered.isBefore(from) && !notified.isAfter(to);
    }
  }

  /**
   * The turnarounds of one call's journal: for each request, the latest notification sent since the
   * bot's previous request (timed from its first delivery attempt); a request that follows no
   * notification is not a turnaround.
   */
  static List<Turnaround> of(List<JournalRow> journal) {
    List<JournalRow> rows = new ArrayList<>(journal);
    rows.sort(Comparator.comparing(JournalRow::at));
    Map<String, Instant> firstAttempt = new HashMap<>();
    List<Turnaround> turnarounds = new ArrayList<>();
    Instant pending = null;
    for (JournalRow row : rows) {
      if (row.isRequest()) {
        if (pending != null) {
          turnarounds.add(new Turnaround(pending, row.at()));
          pending = null;
        }
      } else {
        Instant sent = row.messageId() == null ? row.at() : firstAttempt.computeIfAbsent(row.messageId(), k -> row.at());
        if (pending == null || sent.isAfter(pending)) {
          pending = sent;
        }
      }
    }
    return turnarounds;
  }

  /** The longest wait that overlaps {@code [from, to]}, or zero. */
  static Duration longestDuring(List<Turnaround> turnarounds, Instant from, Instant to) {
    return turnarounds.stream().filter(t -> t.overlaps(from, to)).map(Turnaround::length)
        .max(Comparator.naturalOrder()).orElse(Duration.ZERO);
  }

  /** The longest wait, or zero. */
  static Duration longest(List<Turnaround> turnarounds) {
    return turnarounds.stream().map(Turnaround::length).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
  }
}
