package dev.ivr.activities.graph;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Graph request metrics. Tags are bounded sets only: the operation (an activity's Graph request
 * name), the outcome, the HTTP status and our failure type; never a call id, number or token.
 */
final class GraphMetrics {
  /** Timer: how long one Graph request took; tags {@code operation}, {@code outcome} (success, error). */
  static final String REQUEST = "ivr.graph.request";
  /** Counter: Graph requests that failed; tags {@code operation}, {@code status} (0: Graph not reached), {@code type}. */
  static final String ERRORS = "ivr.graph.errors";

  private final MeterProvider<Timer> requests;
  private final MeterProvider<Counter> errors;

  GraphMetrics(MeterRegistry meters) {
    this.requests = Timer.builder(REQUEST)
        .description("Graph request latency, by operation and outcome")
        .withRegistry(meters);
    this.errors = Counter.builder(ERRORS)
        .description("Graph requests that failed, by operation, HTTP status and failure type")
        .withRegistry(meters);
  }

  void succeeded(String operation, long nanos) {
    requests.withTags("operation", operation, "outcome", "success").record(nanos, TimeUnit.NANOSECONDS);
  }

  void failed(String operation, long nanos, int httpStatus, String failureType) {
    requests.withTags("operation", operation, "outcome", "error").record(nanos, TimeUnit.NANOSECONDS);
    errors.withTags("operation", operation, "status", String.valueOf(httpStatus),
        "type", failureType == null ? "unknown" : failureType).increment();
  }
}
