package dev.ivr.emulator;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The project's way of talking to Graph, pointed at the emulator: msal4j + the Graph SDK v6. */
public final class SdkClients {

  public static final String AUTHORITY_HOST = "https://login.microsoftonline.com";

  private SdkClients() {}

  /** msal4j with the real authority and an HTTP client that sends login.microsoftonline.com to the emulator. */
  public static ConfidentialClientApplication msal(GraphEmulator emulator, String secret) throws Exception {
    return ConfidentialClientApplication
        .builder(emulator.config().clientId(), ClientCredentialFactory.createFromSecret(secret))
        .authority(AUTHORITY_HOST + "/" + emulator.config().tenantId() + "/")
        .httpClient(new RewritingHttpClient(emulator.baseUrl()))
        .build();
  }

  public static String acquireToken(ConfidentialClientApplication app) throws Exception {
    return app.acquireToken(ClientCredentialParameters.builder(Set.of("https://graph.microsoft.com/.default")).build())
        .get().accessToken();
  }

  /** A GraphServiceClient that gets its bearer token from {@code token} and talks to the emulator. */
  public static GraphServiceClient graph(GraphEmulator emulator, Supplier<String> token) {
    AccessTokenProvider provider = new AccessTokenProvider() {
      @Override
      public String getAuthorizationToken(URI uri, Map<String, Object> additionalAuthenticationContext) {
        return token.get();
      }

      @Override
      public AllowedHostsValidator getAllowedHostsValidator() {
        return new AllowedHostsValidator("127.0.0.1");
      }
    };
    GraphServiceClient client = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(provider));
    client.getRequestAdapter().setBaseUrl(emulator.graphBaseUrl());
    return client;
  }

  /** msal4j's IHttpClient over java.net.http, rewriting Entra's host to the emulator. */
  public static final class RewritingHttpClient implements IHttpClient {
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");
    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    public RewritingHttpClient(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    @Override
    public IHttpResponse send(HttpRequest request) throws Exception {
      String url = request.url().toString().replace(AUTHORITY_HOST, baseUrl);
      var b = java.net.http.HttpRequest.newBuilder(URI.create(url));
      if (request.headers() != null) {
        request.headers().forEach((k, v) -> {
          if (!RESTRICTED.contains(k.toLowerCase())) b.header(k, v);
        });
      }
      String body = request.body();
      b.method(request.httpMethod().name(), body == null
          ? java.net.http.HttpRequest.BodyPublishers.noBody() : java.net.http.HttpRequest.BodyPublishers.ofString(body));
      var resp = http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      HttpResponse out = new HttpResponse().statusCode(resp.statusCode()).body(resp.body());
      Map<String, List<String>> headers = resp.headers().map();
      out.addHeaders(headers);
      return out;
    }
  }
}
