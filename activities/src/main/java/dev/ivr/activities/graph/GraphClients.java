package dev.ivr.activities.graph;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import okhttp3.OkHttpClient;

/**
 * Builds the Graph SDK client: msal4j client-credentials tokens, the configured base URL, a bounded
 * request time and <em>no SDK-internal retries</em>.
 *
 * <p>Kiota's default middleware retries 429, 503 and 504 up to three times, sleeping for
 * {@code Retry-After} inside the request. Inside an activity that would block the worker thread for
 * up to minutes, hide throttling from Temporal and stack a second retry policy under Temporal's. So
 * the retry handler is configured to never retry: one activity attempt is one Graph request, and
 * {@link GraphCallActivitiesImpl} hands Graph's {@code Retry-After} to Temporal as the next retry delay.
 */
public final class GraphClients {
  private GraphClients() {}

  /** A Graph client for these settings; share one per worker, it is thread-safe. */
  public static GraphServiceClient create(GraphSettings settings) {
    var authentication = new BaseBearerTokenAuthenticationProvider(new MsalAccessTokenProvider(settings));
    RequestOption noRetries = new RetryHandlerOption((delay, executionCount, request, response) -> false, 0, 0);
    OkHttpClient http = GraphClientFactory.create(new RequestOption[] {noRetries})
        .callTimeout(settings.requestTimeout())
        .build();
    var graph = new GraphServiceClient(authentication, http);
    graph.getRequestAdapter().setBaseUrl(settings.graphBaseUrl());
    return graph;
  }
}
