package dev.ivr.worker;

import dev.ivr.recordings.RecordingStore;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired recordings ({@code IVR_RECORDINGS_RETENTION}) at start-up and then periodically:
 * every tenth of the retention, at least every second and at most every hour. Works with any
 * {@link RecordingStore}; several workers may sweep the same store, deleting is idempotent.
 */
final class RecordingRetentionSweeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RecordingRetentionSweeper.class);
  private static final RecordingRetentionSweeper NONE = new RecordingRetentionSweeper(null);

  private final ScheduledExecutorService timer;

  private RecordingRetentionSweeper(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** Sweeps {@code store} periodically, or does nothing when it keeps recordings forever. */
  static RecordingRetentionSweeper start(RecordingStore store) {
    if (store.retention().isEmpty()) {
      return NONE;
    }
    Duration period = period(store.retention().get());
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "recording-retention");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleWithFixedDelay(() -> sweep(store), 0, period.toMillis(), TimeUnit.MILLISECONDS);
    log.info("recordings older than {} are deleted from {} (checked every {})", store.retention().get(),
        store, period);
    return new RecordingRetentionSweeper(timer);
  }

  static Duration period(Duration retention) {
    Duration tenth = retention.dividedBy(10);
    if (tenth.compareTo(Duration.ofSeconds(1)) < 0) {
      return Duration.ofSeconds(1);
    }
    return tenth.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : tenth;
  }

  private static void sweep(RecordingStore store) {
    try {
      int deleted = store.deleteExpired();
      if (deleted > 0) {
        log.info("deleted {} recording(s) older than {}", deleted, store.retention().orElseThrow());
      }
    } catch (IOException | RuntimeException e) {
      // the next sweep tries again; a failing sweep must not stop the schedule
      log.warn("recording retention sweep of {} failed: {}", store, e.toString());
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
