package dev.ivr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Plain-HTTP client of the emulator for tests: token, Graph requests, admin requests. */
public final class GraphHttp {

  private final GraphEmulator emulator;
  private final HttpClient http = HttpClient.newHttpClient();
  private String token;

  public GraphHttp(GraphEmulator emulator) {
    this.emulator = emulator;
  }

  /** A token from the emulator's client-credentials endpoint. */
  public String token() {
    if (token == null) {
      var r = form(emulator.tokenEndpoint(), "grant_type=client_credentials&client_id=" + emulator.config().clientId()
          + "&client_secret=" + URLEncoder.encode(emulator.config().clientSecret(), StandardCharsets.UTF_8)
          + "&scope=" + URLEncoder.encode("https://graph.microsoft.com/.default", StandardCharsets.UTF_8));
      if (r.statusCode() != 200) throw new AssertionError("token: " + r.statusCode() + " " + r.body());
      token = json(r.body()).get("access_token").asText();
    }
    return token;
  }

  public HttpResponse<String> form(String url, String body) {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public HttpResponse<String> post(String graphPath, String json) {
    return send(HttpRequest.newBuilder(URI.create(emulator.graphBaseUrl() + graphPath))
        .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpResponse<String> get(String graphPath) {
    return send(HttpRequest.newBuilder(URI.create(emulator.graphBaseUrl() + graphPath))
        .header("Authorization", "Bearer " + token()).GET().build());
  }

  public HttpResponse<String> delete(String graphPath) {
    return send(HttpRequest.newBuilder(URI.create(emulator.graphBaseUrl() + graphPath))
        .header("Authorization", "Bearer " + token()).DELETE().build());
  }

  public HttpResponse<String> admin(String method, String path, String json) {
    var b = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path)).header("Content-Type", "application/json");
    b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody()) : b.method(method, HttpRequest.BodyPublishers.ofString(json));
    return send(b.build());
  }

  public HttpResponse<byte[]> download(String url, String bearer, String range) {
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

  public HttpResponse<String> send(HttpRequest req) {
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public static JsonNode json(String s) {
    try {
      return BotEndpoint.JSON.readTree(s);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The body of a serviceHostedMediaConfig answer. */
  public static String answerBody() {
    return "{\"acceptedModalities\":[\"audio\"],\"mediaConfig\":{\"@odata.type\":\"#microsoft.graph.serviceHostedMediaConfig\"}}";
  }

  /** Answers a raised call and waits until it is established. */
  public static void answerAndEstablish(GraphHttp graph, BotEndpoint bot, String callId) {
    var r = graph.post("/communications/calls/" + callId + "/answer", answerBody());
    if (r.statusCode() != 202) throw new AssertionError("answer: " + r.statusCode() + " " + r.body());
    bot.awaitCall(callId, "updated", "established");
  }

  public static String record(String extra) {
    return "{\"clientContext\":\"ctx\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
  }

  /** A playPrompt body of one prompt at {@code uri}, with {@code extra} properties. */
  public static String play(String extra, String uri) {
    return "{" + (extra.isEmpty() ? "" : extra + ",") + "\"prompts\":[{\"@odata.type\":\"#microsoft.graph.mediaPrompt\","
        + "\"mediaInfo\":{\"@odata.type\":\"#microsoft.graph.mediaInfo\",\"uri\":\"" + uri + "\"}}]}";
  }

  /** A createCall body calling {@code phone}, from an application instance or not. */
  public static String rawOutbound(String callbackUri, String phone, boolean withInstance) {
    return rawOutbound(callbackUri, phone, withInstance, "");
  }

  public static String rawOutbound(String callbackUri, String phone, boolean withInstance, String extra) {
    String source = withInstance ? "\"source\":{\"@odata.type\":\"#microsoft.graph.participantInfo\",\"identity\":{\"@odata.type\":"
        + "\"#microsoft.graph.identitySet\",\"applicationInstance\":{\"@odata.type\":\"#microsoft.graph.identity\",\"id\":\"inst-1\","
        + "\"displayName\":\"Bot\"}}}," : "";
    return "{\"@odata.type\":\"#microsoft.graph.call\",\"callbackUri\":\"" + callbackUri + "\"," + source
        + "\"targets\":[{\"@odata.type\":\"#microsoft.graph.invitationParticipantInfo\",\"identity\":{\"@odata.type\":"
        + "\"#microsoft.graph.identitySet\",\"phone\":{\"@odata.type\":\"#microsoft.graph.identity\",\"id\":\"" + phone + "\"}}}],"
        + "\"requestedModalities\":[\"audio\"],\"mediaConfig\":{\"@odata.type\":\"#microsoft.graph.serviceHostedMediaConfig\"},"
        + "\"tenantId\":\"e1f2a3b4-0000-4000-8000-00000000cafe\"" + extra + "}";
  }
}
