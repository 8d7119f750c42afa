package dev.ivr.activities.graph;

import com.microsoft.graph.models.odataerrors.MainError;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import dev.ivr.activities.RetryAfter;
import dev.ivr.workflows.graph.GraphCallActivities;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what the Graph SDK throws into the activity failures of {@link GraphCallActivities}.
 *
 * <ul>
 *   <li>404 → {@code CALL_GONE}, 400 and other 4xx → {@code BAD_REQUEST}: final;
 *   <li>403 → {@value #FORBIDDEN}: final (missing consent or tenant mismatch);
 *   <li>429 → {@code THROTTLED}, retried after Graph's {@code Retry-After};
 *   <li>5xx, 401, 408, I/O and token-endpoint outages → {@code GRAPH_UNAVAILABLE}: retried
 *       (after {@code Retry-After} when Graph sends one);
 *   <li>the token endpoint refusing the app's credentials → {@value #AUTH_FAILED}: final.
 * </ul>
 */
final class GraphFailureMapping {
  /** 403 from Graph: the app lacks a permission; retrying cannot help. */
  static final String FORBIDDEN = GraphCallActivities.FORBIDDEN;
  /** The token endpoint refused the app's tenant, client id or secret. */
  static final String AUTH_FAILED = GraphCallActivities.AUTH_FAILED;


  private GraphFailureMapping() {}

  static ApplicationFailure toFailure(String action, String callId, RuntimeException error) {
    if (error instanceof ApplicationFailure failure) {
      return failure;
    }
    Optional<MsalAccessTokenProvider.TokenAcquisitionException> token =
        find(error, MsalAccessTokenProvider.TokenAcquisitionException.class);
    if (token.isPresent()) {
      String message = action + " " + callId + ": " + token.get().getMessage();
      return token.get().retryable()
          ? failure(message, GraphCallActivities.GRAPH_UNAVAILABLE, false, null, error)
          : failure(message, AUTH_FAILED, true, null, error);
    }
    if (error instanceof ApiException api && api.getResponseStatusCode() > 0) {
      return fromStatus(action, callId, api);
    }
    if (find(error, IOException.class).isPresent()) {
      return failure(action + " " + callId + ": Graph unreachable (" + rootMessage(error) + ")",
          GraphCallActivities.GRAPH_UNAVAILABLE, false, null, error);
    }
    return failure(action + " " + callId + ": " + error.getClass().getSimpleName() + ": " + error.getMessage(),
        GraphCallActivities.GRAPH_UNAVAILABLE, false, null, error);
  }

  /** The HTTP status Graph answered with, if the error carries one; 0 when Graph was not reached. */
  static int httpStatus(RuntimeException error) {
    return find(error, ApiException.class).map(ApiException::getResponseStatusCode).filter(s -> s > 0).orElse(0);
  }

  private static ApplicationFailure fromStatus(String action, String callId, ApiException api) {
    int status = api.getResponseStatusCode();
    String message = action + " " + callId + ": HTTP " + status + describe(api);
    Duration retryAfter = retryAfter(api.getResponseHeaders()).orElse(null);
    if (status == 404) {
      // A caller hanging up is ordinary: keep it out of error metrics and logs.
      return ApplicationFailure.newBuilder()
          .setMessage(message)
          .setType(GraphCallActivities.CALL_GONE)
          .setNonRetryable(true)
          .setCategory(ApplicationErrorCategory.BENIGN)
          .setCause(api)
          .build();
    }
    if (status == 429) {
      return failure(message, GraphCallActivities.THROTTLED, false, retryAfter, api);
    }
    if (status >= 500 || status == 401 || status == 408) {
      return failure(message, GraphCallActivities.GRAPH_UNAVAILABLE, false, retryAfter, api);
    }
    if (status == 403) {
      return failure(message, FORBIDDEN, true, null, api);
    }
    return failure(message, GraphCallActivities.BAD_REQUEST, true, null, api);
  }

  /** {@code Retry-After} as seconds (Graph sends fractions such as {@code 2.128}) or as an HTTP date. */
  static Optional<Duration> retryAfter(Map<String, Set<String>> headers) {
    if (headers == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, Set<String>> header : headers.entrySet()) {
      if (header.getKey() != null && header.getKey().equalsIgnoreCase("Retry-After")) {
        for (String value : header.getValue()) {
          Optional<Duration> parsed = RetryAfter.parse(value);
          if (parsed.isPresent()) {
            return parsed;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String describe(ApiException api) {
    if (api instanceof ODataError odata && odata.getError() != null) {
      MainError error = odata.getError();
      return " " + error.getCode() + ": " + error.getMessage();
    }
    return "";
  }

  private static ApplicationFailure failure(
      String message, String type, boolean nonRetryable, Duration nextRetryDelay, Throwable cause) {
    ApplicationFailure.Builder builder = ApplicationFailure.newBuilder()
        .setMessage(message)
        .setType(type)
        .setNonRetryable(nonRetryable)
        .setCause(cause);
    if (nextRetryDelay != null) {
      builder.setNextRetryDelay(nextRetryDelay);
    }
    return builder.build();
  }

  private static <T extends Throwable> Optional<T> find(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
