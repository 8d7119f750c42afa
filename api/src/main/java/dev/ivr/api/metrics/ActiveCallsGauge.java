package dev.ivr.api.metrics;

import dev.ivr.api.console.CallLiveness;
import dev.ivr.api.console.CallQueries;
import dev.ivr.api.console.ConsoleProperties;
import dev.ivr.workflows.visibility.CallIndexEntry;
import dev.ivr.workflows.visibility.CallIndexWorkflowImpl;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * {@code ivr_active_calls}: the running call workflows, by one visibility count; on a server without
 * visibility (the Java test server), the live calls in the call index: no outcome yet, and not closed
 * in Temporal ({@link CallLiveness}: a terminated, timed-out or failed call never reports its end; at
 * most {@code ivr.console.live-detail-limit} describes per refresh). A scrape never waits
 * on Temporal: it reads the last count and, when that is older than {@link #MAX_AGE_MILLIS}, starts
 * one refresh in the background. NaN until a first count, or while the call index does not exist.
 */
@Component
class ActiveCallsGauge implements DisposableBean {
  static final long MAX_AGE_MILLIS = 5_000;
  private static final Logger log = LoggerFactory.getLogger(ActiveCallsGauge.class);

  private final CallQueries calls;
  private final CallLiveness liveness;
  private final int liveDetailLimit;
  private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "active-calls-gauge");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private final AtomicLong refreshedAt = new AtomicLong(Long.MIN_VALUE / 2);
  private volatile double active = Double.NaN;

  ActiveCallsGauge(CallQueries calls, CallLiveness liveness, ConsoleProperties console, MeterRegistry registry) {
    this.calls = calls;
    this.liveness = liveness;
    this.liveDetailLimit = console.liveDetailLimit();
    Gauge.builder("ivr.active.calls", this, ActiveCallsGauge::read)
        .description("Live calls (refreshed at most every 5 s; NaN when unknown)")
        .register(registry);
  }

  private double read() {
    if (System.currentTimeMillis() - refreshedAt.get() > MAX_AGE_MILLIS && refreshing.compareAndSet(false, true)) {
      refresher.execute(this::refresh);
    }
    return active;
  }

  private void refresh() {
    try {
      Optional<Long> running = calls.count("WorkflowType = 'CallWorkflow' AND ExecutionStatus = 'Running'");
      if (running.isPresent()) {
        active = running.get();
      } else {
        Optional<List<CallIndexEntry>> recent = calls.recent(CallIndexWorkflowImpl.WINDOW);
        active = recent.map(list -> (double) liveness.countLive(list, liveDetailLimit)).orElse(Double.NaN);
      }
    } catch (RuntimeException e) {
      log.debug("Could not count live calls: {}", e.toString());
    } finally {
      refreshedAt.set(System.currentTimeMillis());
      refreshing.set(false);
    }
  }

  @Override
  public void destroy() {
    refresher.shutdownNow();
  }
}
