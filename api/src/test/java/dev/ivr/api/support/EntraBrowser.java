package dev.ivr.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.emulator.EntraDirectory;
import dev.ivr.emulator.GraphEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser, as far as sign-in goes: it keeps cookies and follows redirects one by one (so tests see
 * every hop), and signs in at the emulator's Entra ID form as a directory user. Over real sockets,
 * against the api and the emulator.
 */
public final class EntraBrowser {

  private static final Pattern REQUEST = Pattern.compile("name=\"request\" value=\"([^\"]+)\"");

  private final String base;
  private final GraphEmulator emulator;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  /** Every URL visited, in order (redirects included). */
  private final List<String> visited = new ArrayList<>();
  /** Every {@code Set-Cookie} the api answered with, in order. */
  private final List<String> setCookies = new ArrayList<>();

  public EntraBrowser(int apiPort, GraphEmulator emulator) {
    this.base = "http://127.0.0.1:" + apiPort;
    this.emulator = emulator;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * Opens the console, is sent to Entra, signs in as {@code user}, and follows the redirects back:
   * the last response (the console page when sign-in worked).
   */
  public HttpResponse<String> signIn(EntraDirectory.User user) {
    HttpResponse<String> form = follow(send(request(base + "/console/")));
    if (form.statusCode() != 200 || !REQUEST.matcher(form.body()).find()) {
      return form;
    }
    Matcher m = REQUEST.matcher(form.body());
    m.find();
    String login = emulator.entraAuthority() + "/" + emulator.config().tenantId() + "/login";
    return follow(send(HttpRequest.newBuilder(URI.create(login))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("request=" + enc(m.group(1)) + "&username=" + enc(user.username())
            + "&password=" + enc(user.password())))));
  }

  /** Follows redirects (GET) from {@code response} until a page answers. */
  public HttpResponse<String> follow(HttpResponse<String> response) {
    for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
      String location = response.headers().firstValue("Location").orElseThrow();
      response = send(request(response.uri().resolve(location).toString()));
    }
    return response;
  }

  public HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder request = request(path.startsWith("http") ? path : base + path);
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  public HttpResponse<String> post(String path, String contentType, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  /** The session's CSRF header and token, from {@code GET /api/me}: {@code [header, token]}. */
  public String[] csrf() {
    JsonNode csrf = json(get("/api/me")).path("csrf");
    return new String[] {csrf.path("header").asText(), csrf.path("token").asText()};
  }

  public List<String> visited() {
    return List.copyOf(visited);
  }

  /** The api's {@code Set-Cookie} headers so far, as sent (with their attributes). */
  public List<String> setCookies() {
    return List.copyOf(setCookies);
  }

  /** The api's cookies (the session), as the browser holds them. */
  public List<HttpCookie> cookies() {
    return cookies.getCookieStore().get(URI.create(base));
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(response.statusCode() + " " + response.body(), e);
    }
  }

  private static HttpRequest.Builder request(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    HttpRequest built = request.build();
    visited.add(built.method() + " " + built.uri());
    try {
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      if (built.uri().toString().startsWith(base)) {
        setCookies.addAll(response.headers().allValues("Set-Cookie"));
      }
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
