package dev.ivr.activities.graph;

import io.micrometer.core.instrument.Counter;
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

  private final MeterRegistry meters;

  GraphMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void succeeded(String operation, long nanos) {
    timer(operation, "success").record(nanos, TimeUnit.NANOSECONDS);
  }

  void failed(String operation, long nanos, int httpStatus, String failureType) {
    timer(operation, "error").record(nanos, TimeUnit.NANOSECONDS);
    Counter.builder(ERRORS)
        .description("Graph requests that failed, by operation, HTTP status and failure type")
        .tag("operation", operation)
        .tag("status", String.valueOf(httpStatus))
        .tag("type", failureType == null ? "unknown" : failureType)
        .register(meters)
        .increment();
  }

  private Timer timer(String operation, String outcome) {
    return Timer.builder(REQUEST)
        .description("Graph request latency, by operation and outcome")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .register(meters);
  }
}
