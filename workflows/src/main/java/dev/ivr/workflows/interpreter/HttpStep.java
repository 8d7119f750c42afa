package dev.ivr.workflows.interpreter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivr.workflows.call.CallSession;
import dev.ivr.workflows.external.HttpActivities;
import dev.ivr.workflows.external.OutboundHttpRequest;
import dev.ivr.workflows.external.OutboundHttpResponse;
import dev.ivr.workflows.external.RecordingDownloads;
import dev.ivr.workflows.flow.BranchNode;
import dev.ivr.workflows.flow.HttpNode;
import dev.ivr.workflows.flow.StatusRange;
import dev.ivr.workflows.flow.expr.CelExpressions;
import dev.ivr.workflows.flow.expr.DownloadPlaceholders;
import dev.ivr.workflows.operator.OperatorInterrupt;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request to an external system as an activity with the node's timeout and retry policy; the
 * response is mapped into variables with CEL over {@code response = {status, headers, body}}.
 */
final class HttpStep {
  private static final String TYPE = "http";
  /** Writes request bodies; insertion-ordered maps serialise the same way on every replay. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CallSession call;

  HttpStep(CallSession call) {
    this.call = call;
  }

  String run(String nodeId, HttpNode node) {
    Map<String, Object> vars = call.variables().current();
    String url = CelExpressions.string(node.url(), vars);
    Map<String, String> headers = new LinkedHashMap<>();
    node.headers().forEach((name, expr) -> headers.put(name, CelExpressions.string(expr, vars)));
    String body = node.body() == null ? null : json(CelExpressions.evaluate(node.body(), vars));
    int timeoutMillis = node.timeoutSeconds() * 1000;
    OutboundHttpResponse response;
    try {
      var request = new OutboundHttpRequest(node.method(), url, headers, body, timeoutMillis,
          sendsSecureValue(headers, body), List.copyOf(node.onStatus().keySet()), node.auth(),
          downloads(url, headers, body));
      Promise<OutboundHttpResponse> pending = Async.function(stub(nodeId, node)::request, request);
      // an operator's hang-up does not wait for the external system: the request is abandoned
      Workflow.await(() -> pending.isCompleted() || call.operator().isHangupPending());
      if (!pending.isCompleted()) {
        throw new OperatorInterrupt();
      }
      response = pending.get();
    } catch (ActivityFailure failure) {
      throw new FlowError(node.method() + " " + OutboundHttpRequest.redactedUrl(url) + " failed: "
          + failure.getCause().getMessage());
    }
    String routed = StatusRange.match(node.onStatus().keySet(), response.status());
    if (routed != null) {
      call.step(nodeId, TYPE, "status:" + response.status());
      return node.onStatus().get(routed);
    }
    if (response.status() < 200 || response.status() > 299) {
      throw new FlowError(node.method() + " " + OutboundHttpRequest.redactedUrl(url) + " answered " + response.status());
    }
    Map<String, Object> scope = new LinkedHashMap<>(vars);
    scope.put("response", responseValue(response));
    Map<String, Object> mapped = new LinkedHashMap<>();
    node.responseMapping().forEach((name, expr) -> mapped.put(name, CelExpressions.evaluate(expr, scope)));
    mapped.forEach(call.variables()::set);
    for (int i = 0; i < node.branches().size(); i++) {
      BranchNode.Condition branch = node.branches().get(i);
      scope.putAll(mapped);
      if (CelExpressions.test(branch.when(), scope)) {
        call.step(nodeId, TYPE, "status:" + response.status() + ",when:" + i);
        return branch.next();
      }
    }
    call.step(nodeId, TYPE, "status:" + response.status());
    return node.next();
  }

  /**
   * Whether the headers or the body carry the value of a secure variable of the call's flows (the
   * validator keeps them out of the url): then the request's payload is restricted.
   */
  private boolean sendsSecureValue(Map<String, String> headers, String body) {
    java.util.Set<String> names = new java.util.LinkedHashSet<>(call.input().flow().secureVariables());
    call.input().subflows().values().forEach(flow -> names.addAll(flow.secureVariables()));
    for (String name : names) {
      for (Object value : new Object[] {call.variables().get(name), call.variables().rootValue(name)}) {
        String text = value == null ? "" : String.valueOf(value);
        if (!text.isEmpty() && (body != null && body.contains(text)
            || headers.values().stream().anyMatch(h -> h != null && h.contains(text)))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The call's recordings that {@code recordingDownloadUrl(...)} placeholders may link to, with the
   * api's base URL; null when the request has no placeholder (its payload stays as it was).
   */
  private RecordingDownloads downloads(String url, Map<String, String> headers, String body) {
    if (!DownloadPlaceholders.in(url) && !DownloadPlaceholders.in(body)
        && headers.values().stream().noneMatch(DownloadPlaceholders::in)) {
      return null;
    }
    return new RecordingDownloads(call.prompts().apiBaseUrl(),
        call.stored().stream().map(dev.ivr.workflows.event.RecordingStored::location).toList());
  }

  /** One attempt is bounded by the node's timeout; all attempts and back-offs together as well. */
  static ActivityOptions options(HttpNode node) {
    HttpNode.Retry retry = node.retry();
    int attempts = Math.max(1, retry.maxAttempts());
    double coefficient = Math.max(1.0, retry.backoffCoefficient());
    Duration initial = Duration.ofMillis(Math.max(1, retry.initialIntervalMillis()));
    Duration total = Duration.ofSeconds((long) node.timeoutSeconds() * attempts);
    Duration interval = initial;
    for (int i = 1; i < attempts; i++) {
      total = total.plus(interval);
      interval = Duration.ofMillis((long) (interval.toMillis() * coefficient));
    }
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(Math.max(1, node.timeoutSeconds())))
        .setScheduleToCloseTimeout(total.plusSeconds(1))
        .setRetryOptions(RetryOptions.newBuilder()
            .setMaximumAttempts(attempts)
            .setInitialInterval(initial)
            .setBackoffCoefficient(coefficient)
            .setDoNotRetry(HttpActivities.HTTP_INVALID)
            .build())
        .build();
  }

  private static HttpActivities stub(String nodeId, HttpNode node) {
    return Workflow.newActivityStub(HttpActivities.class,
        ActivityOptions.newBuilder(options(node)).setSummary("http " + nodeId + ": " + node.method()).build());
  }

  private static Map<String, Object> responseValue(OutboundHttpResponse response) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("status", (long) response.status());
    value.put("headers", new LinkedHashMap<>(new TreeMap<>(response.headers())));
    value.put("body", response.json() != null ? response.json() : response.body());
    return value;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new FlowError("http body cannot be written as JSON: " + e.getOriginalMessage());
    }
  }
}
