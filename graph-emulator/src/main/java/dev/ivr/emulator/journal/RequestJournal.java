package dev.ivr.emulator.journal;

import dev.ivr.emulator.JournalEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** In-memory journal of every bot request and every notification sent, in arrival order. */
public final class RequestJournal {

  /** The journal keeps the newest entries only, so a long-running standalone emulator stays bounded. */
  static final int MAX_ENTRIES = 50_000;

  private final List<JournalEntry> entries = new ArrayList<>();
  private final long nanoOrigin = System.nanoTime();
  private final Instant wallOrigin = Instant.now();
  private long seq;

  public synchronized JournalEntry add(JournalEntry.Kind kind, String method, String path, int status, String body,
      String callId, String messageId, long startNanos, long endNanos) {
    JournalEntry e = new JournalEntry(++seq, kind, method, path, status, body, callId, messageId, startNanos, endNanos,
        wallOrigin.plusNanos(startNanos - nanoOrigin));
    entries.add(e);
    if (entries.size() > MAX_ENTRIES) entries.subList(0, entries.size() - MAX_ENTRIES).clear();
    return e;
  }

  /** Replaces an in-flight entry (status 0) with its outcome. */
  public synchronized JournalEntry complete(JournalEntry inFlight, int status, long endNanos) {
    JournalEntry done = new JournalEntry(inFlight.sequence(), inFlight.kind(), inFlight.method(), inFlight.path(), status,
        inFlight.body(), inFlight.callId(), inFlight.messageId(), inFlight.startNanos(), endNanos, inFlight.at());
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (entries.get(i).sequence() == inFlight.sequence()) {
        entries.set(i, done);
        break;
      }
    }
    return done;
  }

  public synchronized List<JournalEntry> entries() {
    return List.copyOf(entries);
  }

  public synchronized List<JournalEntry> entries(String callId) {
    return entries.stream().filter(e -> callId.equals(e.callId())).toList();
  }

  public synchronized void clear() {
    entries.clear();
  }

  /**
   * The bot's turnarounds: for every request on a call, the time since the latest notification
   * sent for that call before it, each notification counted once.
   */
  public synchronized List<Duration> turnarounds(String callIdOrNull) {
    List<Duration> out = new ArrayList<>();
    Set<Long> used = new HashSet<>();
    List<JournalEntry> all = new ArrayList<>(entries);
    all.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos()));
    for (int i = 0; i < all.size(); i++) {
      JournalEntry req = all.get(i);
      if (!req.isRequest() || req.callId() == null) continue;
      if (callIdOrNull != null && !callIdOrNull.equals(req.callId())) continue;
      for (int j = i - 1; j >= 0; j--) {
        JournalEntry n = all.get(j);
        if (n.isNotification() && req.callId().equals(n.callId())) {
          if (used.add(n.sequence())) out.add(Duration.ofNanos(req.startNanos() - n.startNanos()));
          break;
        }
      }
    }
    return out;
  }
}
