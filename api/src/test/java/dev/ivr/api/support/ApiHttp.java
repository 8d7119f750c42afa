package dev.ivr.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the api under test, over a real socket. */
public final class ApiHttp {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final Duration timeout;
  private final String authorization;

  public ApiHttp(int port, Duration timeout) {
    this(port, timeout, null);
  }

  private ApiHttp(int port, Duration timeout, String authorization) {
    this.base = "http://127.0.0.1:" + port;
    this.timeout = timeout;
    this.authorization = authorization;
  }

  /** The same client, sending HTTP Basic credentials with every request that brings no Authorization of its own. */
  public ApiHttp withBasicAuth(String user, String password) {
    return new ApiHttp(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), timeout, basic(user, password));
  }

  /** The same client, sending this {@code Authorization} value with every request that brings none of its own. */
  public ApiHttp withAuthorization(String value) {
    return new ApiHttp(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), timeout, value);
  }

  public static String basic(String user, String password) {
    return "Basic " + java.util.Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public HttpResponse<byte[]> post(String path, String contentType, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  public HttpResponse<byte[]> get(String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  private HttpResponse<byte[]> send(HttpRequest request) {
    if (authorization != null && request.headers().firstValue("Authorization").isEmpty()) {
      request = HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", authorization).build();
    }
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode json(HttpResponse<byte[]> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(new String(response.body()), e);
    }
  }
}
