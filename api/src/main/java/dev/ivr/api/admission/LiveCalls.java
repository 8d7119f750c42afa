package dev.ivr.api.admission;

import dev.ivr.api.console.CallLiveness;
import dev.ivr.api.console.CallQueries;
import dev.ivr.api.console.ConsoleProperties;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.event.CallEvents;
import dev.ivr.workflows.visibility.CallIndexWorkflowImpl;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The app's live calls, incoming and outbound, as one counter: the last visibility count (running call
 * workflows that were admitted, i.e. without a busy {@code Admission}) plus the calls this api admitted
 * since shortly before that count (the local delta, kept {@code ivr.admission.visibility-lag} because
 * visibility shows a new workflow a moment after its start). Several api instances share the count
 * (every instance's calls are in it) but not their deltas: between two counts each may admit up to the
 * limit on its own, so the app can overshoot by the calls the other instances admitted within one
 * {@code ivr.admission.recount}. A call at the limit is counted again before it is refused, so a
 * stale count never refuses a call once others have ended.
 *
 * <p>An outbound call waiting between two attempts of its flow's retry schedule (search attribute
 * {@code CallState = 'waitingToRetry'}) holds no Graph call and is not counted. Its next attempt is
 * placed by the workflow, not through this api: it is not admitted (nor refused) here; it counts again
 * from the next count after it is placed (see README, "Outbound calls").
 *
 * <p>On a server without visibility (the Java test server) the count is the call index's live calls.
 */
@Component
public class LiveCalls implements DisposableBean {
  static final String RUNNING = "WorkflowType = 'CallWorkflow' AND ExecutionStatus = 'Running'";
  static final String RUNNING_BUSY = RUNNING + " AND Admission IN ('" + CallInput.BUSY_REJECT + "', '"
      + CallInput.BUSY_PROMPT + "')";
  /** Outbound calls waiting between two attempts (a flow's retry schedule): no Graph call, no slot. */
  static final String RUNNING_WAITING = RUNNING + " AND CallState = '" + CallEvents.WAITING_TO_RETRY + "'";
  private static final Logger log = LoggerFactory.getLogger(LiveCalls.class);

  private final CallQueries calls;
  private final CallLiveness liveness;
  private final int liveDetailLimit;
  private final AdmissionProperties properties;
  private final LongSupplier nanos;
  /** Workflow ids this api admitted, with when (nanoTime): the local delta. */
  private final Map<String, Long> admitted = new ConcurrentHashMap<>();
  private final AtomicBoolean recounting = new AtomicBoolean();
  private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "live-calls-count");
    t.setDaemon(true);
    return t;
  });
  private long counted;
  private long countedAt;
  private boolean everCounted;

  @Autowired
  LiveCalls(CallQueries calls, CallLiveness liveness, ConsoleProperties console, AdmissionProperties properties) {
    this(calls, liveness, console, properties, System::nanoTime);
  }

  LiveCalls(CallQueries calls, CallLiveness liveness, ConsoleProperties console, AdmissionProperties properties,
      LongSupplier nanos) {
    this.calls = calls;
    this.liveness = liveness;
    this.liveDetailLimit = console.liveDetailLimit();
    this.properties = properties;
    this.nanos = nanos;
  }

  /** The limit of live calls. */
  public int limit() {
    return properties.maxLiveCalls();
  }

  /**
   * Counts {@code workflowId} as a live call unless the app is at its limit; true when it was (or is
   * already) counted. A redelivered start of a counted call is not counted twice.
   */
  public boolean tryAdmit(String workflowId) {
    if (admitted.containsKey(workflowId)) {
      return true;
    }
    boolean stale = isStale();
    if (stale && live() >= limit()) {
      recount(); // at the limit by an old count: count again before refusing anyone
    } else if (stale) {
      recountInBackground();
    }
    synchronized (this) {
      if (counted + admitted.size() >= limit()) {
        return false;
      }
      admitted.put(workflowId, nanos.getAsLong());
      return true;
    }
  }

  /** A call counted by {@link #tryAdmit} that did not start after all (Temporal refused it). */
  public void release(String workflowId) {
    admitted.remove(workflowId);
  }

  /** The live calls as last counted plus this api's delta. */
  public synchronized long live() {
    return counted + admitted.size();
  }

  private synchronized boolean isStale() {
    return !everCounted || nanos.getAsLong() - countedAt > properties.recount().toNanos();
  }

  private void recountInBackground() {
    if (recounting.compareAndSet(false, true)) {
      background.execute(() -> {
        try {
          recount();
        } finally {
          recounting.set(false);
        }
      });
    }
  }

  /** Counts again; on failure keeps the last count (and the delta), so nothing is admitted wrongly twice. */
  void recount() {
    long startedAt = nanos.getAsLong();
    Optional<Long> running;
    try {
      running = count();
    } catch (RuntimeException e) {
      log.debug("Could not count live calls: {}", e.toString());
      return;
    }
    if (running.isEmpty()) {
      return;
    }
    synchronized (this) {
      counted = running.get();
      countedAt = startedAt;
      everCounted = true;
      long keepAfter = startedAt - properties.visibilityLag().toNanos();
      for (Iterator<Long> it = admitted.values().iterator(); it.hasNext(); ) {
        if (it.next() < keepAfter) {
          it.remove();
        }
      }
    }
  }

  private Optional<Long> count() {
    Optional<Long> running = calls.count(RUNNING);
    if (running.isPresent()) {
      long busy = calls.count(RUNNING_BUSY).orElse(0L);
      long waiting = calls.count(RUNNING_WAITING).orElse(0L);
      return Optional.of(Math.max(0, running.get() - busy - waiting));
    }
    return calls.recent(CallIndexWorkflowImpl.WINDOW).map(list -> liveness.countLive(list, liveDetailLimit))
        .or(() -> Optional.of(0L));
  }

  @Override
  public void destroy() {
    background.shutdownNow();
  }
}
