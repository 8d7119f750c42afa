package dev.ivr.activities.graph;

import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Development only: msal4j's HTTP client that sends the requests meant for the authority's host to
 * a stand-in base URL (the emulator's token endpoint), keeping path and query. msal4j itself still
 * sees the real https authority, so its authority checks and its token cache behave as in production.
 * Requests to any other host are refused, so no secret leaves for an unexpected place.
 */
final class AuthorityForwardingHttpClient implements IHttpClient {
  /** Headers that java.net.http sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED =
      Set.of("host", "content-length", "connection", "expect", "upgrade");

  private final String authorityHost;
  private final int authorityPort;
  private final String targetBase;
  private final Duration timeout;
  private final HttpClient http;

  AuthorityForwardingHttpClient(String authority, String targetBase, Duration timeout) {
    URI authorityUri = URI.create(authority);
    this.authorityHost = authorityUri.getHost().toLowerCase(Locale.ROOT);
    this.authorityPort = effectivePort(authorityUri);
    this.targetBase = targetBase;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public IHttpResponse send(com.microsoft.aad.msal4j.HttpRequest request) throws Exception {
    URI original = request.url().toURI();
    if (!authorityHost.equals(original.getHost().toLowerCase(Locale.ROOT))
        || authorityPort != effectivePort(original)) {
      throw new IOException("refusing to send an msal4j request to " + original.getScheme() + "://"
          + original.getHost() + ": only the authority's host is forwarded in development");
    }
    String query = original.getRawQuery() == null ? "" : "?" + original.getRawQuery();
    URI target = URI.create(targetBase + original.getRawPath() + query);

    HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(timeout);
    if (request.headers() != null) {
      for (Map.Entry<String, String> header : request.headers().entrySet()) {
        if (header.getValue() != null && !RESTRICTED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
          builder.header(header.getKey(), header.getValue());
        }
      }
    }
    String method = request.httpMethod().name();
    if (request.body() != null) {
      builder.method(method, HttpRequest.BodyPublishers.ofString(request.body()));
    } else {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    }

    java.net.http.HttpResponse<String> answer =
        http.send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    HttpResponse response = new HttpResponse().statusCode(answer.statusCode()).body(answer.body());
    Map<String, List<String>> headers = answer.headers().map();
    response.addHeaders(headers);
    return response;
  }

  private static int effectivePort(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
  }
}
