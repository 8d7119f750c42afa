package dev.ivr.api.callback.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Fetches the signing keys the way Microsoft's samples do: the OpenID configuration document
 * ({@code ivr.notifications.auth.openid-configuration-url}), then the JWKS at its {@code jwks_uri}.
 * Bounded: short timeouts, no redirects, at most 1 MB per document.
 */
final class OpenIdKeysFetcher implements GraphSigningKeys.Fetcher {

  private static final int MAX_DOCUMENT_BYTES = 1 << 20;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI openIdConfiguration;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();

  OpenIdKeysFetcher(URI openIdConfiguration) {
    this.openIdConfiguration = openIdConfiguration;
  }

  @Override
  public JWKSet fetch() throws Exception {
    JsonNode config = JSON.readTree(get(openIdConfiguration));
    String jwksUri = config == null ? "" : config.path("jwks_uri").asText("");
    URI keys;
    try {
      keys = URI.create(jwksUri);
    } catch (IllegalArgumentException e) {
      throw new IOException("the OpenID configuration at " + openIdConfiguration + " has a malformed jwks_uri");
    }
    if (!keys.isAbsolute() || !(keys.getScheme().toLowerCase(Locale.ROOT).startsWith("http"))) {
      throw new IOException("the OpenID configuration at " + openIdConfiguration + " has no http(s) jwks_uri");
    }
    return JWKSet.parse(new String(get(keys), StandardCharsets.UTF_8));
  }

  private byte[] get(URI uri) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET().build();
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("GET " + uri + " answered " + response.statusCode());
      }
      byte[] body = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
      if (body.length > MAX_DOCUMENT_BYTES) {
        throw new IOException("GET " + uri + " answered more than " + MAX_DOCUMENT_BYTES + " bytes");
      }
      return body;
    }
  }
}
