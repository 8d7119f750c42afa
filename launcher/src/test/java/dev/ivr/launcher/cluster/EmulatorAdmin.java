package dev.ivr.launcher.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Graph emulator's admin REST API, for an emulator running as a process of its own (the cluster's):
 * raise calls, read a call and its journal, fetch the exact recording bytes it generated.
 */
final class EmulatorAdmin {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  EmulatorAdmin(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Raises an incoming call whose notifications go to {@code callbackUri}, with the default caller
   * (waits for the beep, silent 1 s, speaks 3 s); returns its Graph call id. */
  String raiseCall(String callbackUri) throws IOException, InterruptedException {
    String body = JSON.createObjectNode().put("callbackUri", callbackUri).toString();
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/calls"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    return JSON.readTree(response.body()).path("callId").asText();
  }

  /** The call as the emulator sees it ({@code CallView} as JSON). */
  JsonNode call(String callId) throws IOException, InterruptedException {
    return JSON.readTree(send(get("/admin/calls/" + callId)).body());
  }

  /** Every request the bot made and notification the emulator posted for this call, in order. */
  List<JournalRow> journal(String callId) throws IOException, InterruptedException {
    JsonNode entries = JSON.readTree(send(get("/admin/journal?callId="
        + URLEncoder.encode(callId, StandardCharsets.UTF_8))).body());
    List<JournalRow> rows = new ArrayList<>();
    for (JsonNode e : entries) {
      rows.add(new JournalRow(JournalRow.Kind.valueOf(e.path("kind").asText()), e.path("method").asText(),
          e.path("path").asText(), e.path("status").asInt(), e.path("messageId").asText(null),
          Instant.parse(e.path("at").asText())));
    }
    return rows;
  }

  /** The exact WAV bytes the emulator generated for a record operation (no token, never expires). */
  byte[] recordingBytes(String callId, String operationId) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(get("/admin/calls/" + callId + "/recordings/" + operationId),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("recording " + operationId + " of call " + callId + ": HTTP " + response.statusCode());
    }
    return response.body();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).GET().build();
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(request.method() + " " + request.uri() + ": HTTP " + response.statusCode() + " "
          + response.body());
    }
    return response;
  }
}
