package dev.ivr.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The api's own meters, on the Spring {@link MeterRegistry} (Prometheus names in brackets). Tags
 * carry kinds and results only: never a call id, a phone number or a user name.
 *
 * <ul>
 *   <li>{@code ivr.webhook.latency} [{@code ivr_webhook_latency_seconds}], tag {@code outcome}:
 *       accepted, rejected, unavailable;
 *   <li>{@code ivr.webhook.notifications} [{@code ivr_webhook_notifications_total}], tags
 *       {@code changeType}, {@code result} (delivered, ignored, dropped-…, invalid, unavailable);
 *   <li>{@code ivr.operator.actions} [{@code ivr_operator_actions_total}], tags {@code type},
 *       {@code result} (accepted, invalid, unknown-call, unavailable).
 * </ul>
 *
 * <p>Each meter is described once; a webhook POST only looks up the meter of its tags.
 */
@Component
public class ApiMetrics {
  private static final Set<String> ACTION_TYPES = Set.of("hangup", "transfer", "announce");

  private final MeterProvider<Timer> webhookLatency;
  private final MeterProvider<Counter> notifications;
  private final MeterProvider<Counter> operatorActions;

  ApiMetrics(MeterRegistry registry) {
    webhookLatency = Timer.builder("ivr.webhook.latency")
        .description("Graph notification webhook: arrival to answer")
        .publishPercentileHistogram()
        .withRegistry(registry);
    notifications = Counter.builder("ivr.webhook.notifications")
        .description("Graph notifications received, by change type and result")
        .withRegistry(registry);
    operatorActions = Counter.builder("ivr.operator.actions")
        .description("Operator actions requested through the api, by type and result")
        .withRegistry(registry);
  }

  /** One webhook POST, from its arrival to its answer. */
  public void webhookAnswered(int status, long nanos) {
    String outcome = status >= 200 && status < 300 ? "accepted" : status == 503 ? "unavailable" : "rejected";
    webhookLatency.withTags("outcome", outcome).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One notification of a webhook POST and what became of it. */
  public void notification(Object changeType, String result) {
    notifications.withTags("changeType", String.valueOf(changeType).toLowerCase(Locale.ROOT),
        "result", result == null ? "unknown" : result).increment();
  }

  /** One operator action request and its answer. */
  public void operatorAction(String type, String result) {
    String known = type != null && ACTION_TYPES.contains(type) ? type : "other";
    operatorActions.withTags("type", known, "result", result).increment();
  }
}
