package dev.ivr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Plain-HTTP client of the emulator for tests: token, Graph requests, admin requests. */
final class GraphHttp {

  private final GraphEmulator emulator;
  private final HttpClient http = HttpClient.newHttpClient();
  private String token;

  GraphHttp(GraphEmulator emulator) {
    this.emulator = emulator;
  }

  /** A token from the emulator's client-credentials endpoint. */
  String token() {
    if (token == null) {
      var r = form(emulator.tokenEndpoint(), "grant_type=client_credentials&client_id=" + emulator.config().clientId()
          + "&client_secret=" + URLEncoder.encode(emulator.config().clientSecret(), StandardCharsets.UTF_8)
          + "&scope=" + URLEncoder.encode("https://graph.microsoft.com/.default", StandardCharsets.UTF_8));
      if (r.statusCode() != 200) throw new AssertionError("token: " + r.statusCode() + " " + r.body());
      token = json(r.body()).get("access_token").asText();
    }
    return token;
  }

  HttpResponse<String> form(String url, String body) {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> post(String graphPath, String json) {
    return send(HttpRequest.newBuilder(URI.create(emulator.graphBaseUrl() + graphPath))
        .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  HttpResponse<String> get(String graphPath) {
    return send(HttpRequest.newBuilder(URI.create(emulator.graphBaseUrl() + graphPath))
        .header("Authorization", "Bearer " + token()).GET().build());
  }

  HttpResponse<String> delete(String graphPath) {
    return send(HttpRequest.newBuilder(URI.create(emulator.graphBaseUrl() + graphPath))
        .header("Authorization", "Bearer " + token()).DELETE().build());
  }

  HttpResponse<String> admin(String method, String path, String json) {
    var b = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path)).header("Content-Type", "application/json");
    b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody()) : b.method(method, HttpRequest.BodyPublishers.ofString(json));
    return send(b.build());
  }

  HttpResponse<byte[]> download(String url, String bearer, String range) {
    var b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (bearer != null) b.header("Authorization", "Bearer " + bearer);
    if (range != null) b.header("Range", range);
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  HttpResponse<String> send(HttpRequest req) {
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static JsonNode json(String s) {
    try {
      return BotEndpoint.JSON.readTree(s);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The body of a serviceHostedMediaConfig answer. */
  static String answerBody() {
    return "{\"acceptedModalities\":[\"audio\"],\"mediaConfig\":{\"@odata.type\":\"#microsoft.graph.serviceHostedMediaConfig\"}}";
  }

  /** Answers a raised call and waits until it is established. */
  static void answerAndEstablish(GraphHttp graph, BotEndpoint bot, String callId) {
    var r = graph.post("/communications/calls/" + callId + "/answer", answerBody());
    if (r.statusCode() != 202) throw new AssertionError("answer: " + r.statusCode() + " " + r.body());
    bot.awaitCall(callId, "updated", "established");
  }

  static String record(String extra) {
    return "{\"clientContext\":\"ctx\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
  }
}
