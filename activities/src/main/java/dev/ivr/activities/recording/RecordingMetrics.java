package dev.ivr.activities.recording;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Recording download metrics; the only tag is the outcome, never a recording id or location. */
public final class RecordingMetrics {
  /** Timer: one download attempt; tag {@code outcome}: stored, already_stored, retried, failed. */
  public static final String DOWNLOAD = "ivr.recording.download";
  /** Counter: bytes received from Graph's recording locations and written to the store. */
  public static final String DOWNLOAD_BYTES = "ivr.recording.download.bytes";
  static final String STORED = "stored";
  static final String ALREADY_STORED = "already_stored";
  static final String RETRIED = "retried";
  static final String FAILED = "failed";

  private final MeterProvider<Timer> downloads;
  private final Counter bytes;

  RecordingMetrics(MeterRegistry meters) {
    this.downloads = Timer.builder(DOWNLOAD)
        .description("recording download attempts, by outcome")
        .withRegistry(meters);
    this.bytes = Counter.builder(DOWNLOAD_BYTES)
        .description("bytes of recordings downloaded and stored")
        .baseUnit("bytes")
        .register(meters);
  }

  void download(String outcome, long nanos) {
    downloads.withTags("outcome", outcome).record(nanos, TimeUnit.NANOSECONDS);
  }

  void bytes(int count) {
    bytes.increment(count);
  }
}
