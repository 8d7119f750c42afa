package dev.ivr.api.console;

import dev.ivr.api.console.CallQueries.UnknownCallException;
import dev.ivr.workflows.visibility.CallIndexEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Whether a call the index still lists as live (no outcome) is really running. A call workflow that
 * was terminated, timed out or failed never sends its end report, so the index alone would show it
 * live forever. Temporal's execution status says (one describe RPC, no replay): a closed run is
 * remembered for good (its status cannot change), a running one is asked again after
 * {@link #RECHECK_MILLIS}. Shared by the console's list and the {@code ivr_active_calls} gauge.
 */
@Component
public class CallLiveness {
  /** A call seen running is taken as running this long without asking again. */
  static final long RECHECK_MILLIS = 5_000;
  /** Closed calls (and running ones) remembered, the oldest forgotten first. */
  private static final int REMEMBERED = 10_000;
  /** What a workflow that no longer exists (retention expired) is remembered as: ended, no status. */
  private static final String GONE = "";

  private final CallQueries queries;
  private final LongSupplier clock;
  private final Map<String, String> closed = lru();
  private final Map<String, Long> seenRunning = lru();

  @Autowired
  CallLiveness(CallQueries queries) {
    this(queries, System::currentTimeMillis);
  }

  CallLiveness(CallQueries queries, LongSupplier clock) {
    this.queries = queries;
    this.clock = clock;
  }

  /**
   * How the call ended when Temporal says it did and the call never told the index: its execution
   * status ({@code TERMINATED}, {@code TIMED_OUT}, {@code FAILED}, {@code CANCELED}, {@code COMPLETED}),
   * or an empty string when the workflow no longer exists. Empty while it runs. Asks Temporal only when
   * {@link #needsAsking} says so.
   */
  public Optional<String> ended(String workflowId) {
    Optional<String> known = known(workflowId);
    if (known.isPresent() || !needsAsking(workflowId)) {
      return known;
    }
    String status;
    try {
      status = queries.status(workflowId);
    } catch (UnknownCallException gone) {
      status = GONE;
    }
    synchronized (this) {
      if ("RUNNING".equals(status)) {
        seenRunning.put(workflowId, clock.getAsLong());
        return Optional.empty();
      }
      seenRunning.remove(workflowId);
      closed.put(workflowId, status);
    }
    return Optional.of(status);
  }

  /** What is remembered of the call's end, without asking Temporal. */
  public synchronized Optional<String> known(String workflowId) {
    return Optional.ofNullable(closed.get(workflowId));
  }

  /** True when {@link #ended} would ask Temporal: not known closed, not seen running recently. */
  public synchronized boolean needsAsking(String workflowId) {
    if (closed.containsKey(workflowId)) {
      return false;
    }
    Long seen = seenRunning.get(workflowId);
    return seen == null || clock.getAsLong() - seen >= RECHECK_MILLIS;
  }

  /**
   * How many of {@code entries} are live: no outcome in the index and not closed in Temporal. At most
   * {@code budget} describe RPCs, the calls asked longest ago (or never) first, so the stale ones are
   * found over a few refreshes; a call not asked yet counts as live.
   */
  public long countLive(List<CallIndexEntry> entries, int budget) {
    List<String> open = new ArrayList<>();
    for (CallIndexEntry entry : entries) {
      if (entry.outcome() == null && known(entry.workflowId()).isEmpty()) {
        open.add(entry.workflowId());
      }
    }
    open.sort(Comparator.comparingLong(this::lastSeenRunning));
    long live = 0;
    int asked = 0;
    for (String workflowId : open) {
      if (needsAsking(workflowId)) {
        if (asked >= budget) {
          live++;
          continue;
        }
        asked++;
      }
      if (ended(workflowId).isEmpty()) {
        live++;
      }
    }
    return live;
  }

  private synchronized long lastSeenRunning(String workflowId) {
    return seenRunning.getOrDefault(workflowId, Long.MIN_VALUE);
  }

  private static <V> Map<String, V> lru() {
    return new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > REMEMBERED;
      }
    };
  }
}
