package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * A request to an external system, as an activity with a timeout and a retry policy.
 *
 * <p>{@code url}, each header value and {@code body} are CEL expressions over the flow's variables
 * ({@code body} is sent as JSON). The response is mapped into variables: each entry of
 * {@code responseMapping} is a CEL expression over {@code response} ({@code response.status},
 * {@code response.body} parsed as JSON when it is JSON, {@code response.headers}). A status that
 * is not 2xx, a timeout after retries, or a mapping that fails takes {@code onError}.
 *
 * <p>{@code onStatus} routes statuses ({@code 404}, {@code 4xx}, {@code 400-403}; the narrowest key
 * wins) to nodes: such a status is answered at once (never retried) and goes there, with no
 * mapping. After a 2xx that no key routes, the mapping runs, then {@code branches} (CEL over the
 * variables and {@code response}, the first true one wins), then {@code next}. {@code auth} adds
 * credentials from a secret on the worker ({@link HttpAuth}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HttpNode(
    String method,
    String url,
    Map<String, String> headers,
    String body,
    Integer timeoutSeconds,
    Retry retry,
    Map<String, String> responseMapping,
    String next,
    String onError,
    Map<String, String> onStatus,
    List<BranchNode.Condition> branches,
    HttpAuth auth)
    implements FlowNode {
  public HttpNode {
    onStatus = onStatus == null ? Map.of() : FlowMaps.ordered(onStatus);
    onStatus.keySet().forEach(StatusRange::parse);
    branches = branches == null ? List.of() : List.copyOf(branches);
    method = method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
    if (!method.matches("GET|POST|PUT|PATCH|DELETE")) {
      throw new IllegalArgumentException("http method must be GET, POST, PUT, PATCH or DELETE, got " + method);
    }
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("http needs a url expression");
    }
    headers = headers == null ? Map.of() : FlowMaps.ordered(headers);
    timeoutSeconds = timeoutSeconds == null ? 5 : timeoutSeconds;
    retry = retry == null ? Retry.defaults() : retry;
    responseMapping = responseMapping == null ? Map.of() : FlowMaps.ordered(responseMapping);
  }

  /** A node without status routes, body branches or credentials. */
  public HttpNode(String method, String url, Map<String, String> headers, String body, Integer timeoutSeconds,
      Retry retry, Map<String, String> responseMapping, String next, String onError) {
    this(method, url, headers, body, timeoutSeconds, retry, responseMapping, next, onError, null, null, null);
  }

  /** Attempts in all (1 = no retry), the first back-off, and its growth factor. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Retry(Integer maxAttempts, Integer initialIntervalMillis, Double backoffCoefficient) {
    public Retry {
      maxAttempts = maxAttempts == null ? 3 : maxAttempts;
      initialIntervalMillis = initialIntervalMillis == null ? 500 : initialIntervalMillis;
      backoffCoefficient = backoffCoefficient == null ? 2.0 : backoffCoefficient;
    }

    public static Retry defaults() {
      return new Retry(null, null, null);
    }
  }
}
