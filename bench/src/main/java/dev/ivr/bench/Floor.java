package dev.ivr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ivr.emulator.GraphEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor: a minimal bot that answers each Graph notification at once with the next Graph request
 * (answer; subscribeToTone + playPrompt; recordResponse on key 1; download; hang up), with no
 * Temporal, no durability, no notification token validation and no flow interpreter. Its webhook
 * answers 202 first and then sends the request on the same thread, over blocking
 * {@link HttpURLConnection}s (keep-alive), so all of its CPU is on its {@code floor-} threads.
 */
final class Floor implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the floor did for one call. */
  static final class FloorCall {
    volatile boolean answered;
    volatile boolean established;
    volatile boolean recording;
    volatile String operationId;
    volatile Path stored;
    volatile String sha256;
    volatile String error;
  }

  private final GraphEmulator emulator;
  private final Path dir;
  private final int recordSeconds;
  private final HttpServer server;
  private final ExecutorService pool;
  private final Map<String, FloorCall> calls = new ConcurrentHashMap<>();
  private final byte[] prompt = BenchFlows.promptWav();
  private final String token;

  Floor(GraphEmulator emulator, Path dir, int recordSeconds, int threads) {
    this.emulator = emulator;
    this.dir = dir;
    this.recordSeconds = recordSeconds;
    pool = Executors.newFixedThreadPool(threads, threadsNamed("floor-"));
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server = startWebhook(pool, "floor-", prompt, this::onNotification);
    token = fetchToken(emulator);
  }

  /** Threads named {@code prefix} + 1, 2, …: the thread groups of the CPU figures go by name. */
  static java.util.concurrent.ThreadFactory threadsNamed(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> new Thread(r, prefix + n.incrementAndGet());
  }

  /**
   * A floor's webhook on a free loopback port: {@code /callback} for the notifications, {@code /prompt.wav}
   * for the prompt, on {@code pool}; its accept thread is {@code prefix + "dispatcher"}.
   */
  static HttpServer startWebhook(ExecutorService pool, String prefix, byte[] prompt,
      com.sun.net.httpserver.HttpHandler callback) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/prompt.wav", ex -> {
      try (ex) {
        ex.getResponseHeaders().set("Content-Type", "audio/wav");
        ex.sendResponseHeaders(200, prompt.length);
        ex.getResponseBody().write(prompt);
      }
    });
    server.createContext("/callback", callback);
    server.setExecutor(pool);
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    server.start();
    // the JDK names every server's accept thread HTTP-Dispatcher, the emulator's too: tell ours apart
    Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.getName().equals("HTTP-Dispatcher"))
        .forEach(t -> t.setName(prefix + "dispatcher"));
    return server;
  }

  String callbackUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
  }

  FloorCall call(String callId) {
    return calls.computeIfAbsent(key(callId), k -> new FloorCall());
  }

  private static String key(String callId) {
    return callId.replace("-", "").toLowerCase(Locale.ROOT);
  }

  private void onNotification(HttpExchange ex) throws IOException {
    JsonNode body;
    try (ex; InputStream in = ex.getRequestBody()) {
      body = JSON.readTree(in);
      ex.sendResponseHeaders(202, -1);
    }
    for (JsonNode item : body.path("value")) {
      String[] url = item.path("resourceUrl").asText().split("/");
      if (url.length < 4) continue;
      String callId = url[3];
      FloorCall call = call(callId);
      try {
        react(callId, call, item, url);
      } catch (IOException | RuntimeException e) {
        call.error = e.toString();
      }
    }
  }

  private void react(String callId, FloorCall call, JsonNode item, String[] url) throws IOException {
    String path = "/communications/calls/" + callId;
    JsonNode data = item.path("resourceData");
    String type = data.path("@odata.type").asText();
    if (type.equals("#microsoft.graph.call")) {
      String state = data.path("state").asText();
      if (state.equals("incoming") && !call.answered) {
        call.answered = true;
        post(path + "/answer", "{\"acceptedModalities\":[\"audio\"],"
            + "\"mediaConfig\":{\"@odata.type\":\"#microsoft.graph.serviceHostedMediaConfig\"}}");
      } else if (state.equals("established") && !call.established) {
        call.established = true;
        post(path + "/subscribeToTone", "{\"clientContext\":\"floor\"}");
        post(path + "/playPrompt", "{\"clientContext\":\"floor\",\"prompts\":[{\"@odata.type\":\"#microsoft.graph.mediaPrompt\","
            + "\"mediaInfo\":{\"@odata.type\":\"#microsoft.graph.mediaInfo\",\"uri\":\""
            + callbackUri().replace("/callback", "/prompt.wav") + "\",\"resourceId\":\"floor-prompt\"}}]}");
      } else if ("tone1".equals(data.path("toneInfo").path("tone").asText(null)) && !call.recording) {
        call.recording = true;
        post(path + "/recordResponse", "{\"clientContext\":\"floor\",\"bargeInAllowed\":false,\"playBeep\":false,"
            + "\"initialSilenceTimeoutInSeconds\":5,\"maxSilenceTimeoutInSeconds\":10,"
            + "\"maxRecordDurationInSeconds\":" + recordSeconds + "}");
      }
    } else if (type.equals("#microsoft.graph.recordOperation") && data.path("status").asText().equalsIgnoreCase("completed")) {
      call.operationId = url.length > 5 ? url[5] : data.path("id").asText();
      download(call, callId, data.path("recordingLocation").asText(), data.path("recordingAccessToken").asText());
      request("DELETE", path, null);
    }
  }

  private void download(FloorCall call, String callId, String location, String accessToken) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(location).toURL().openConnection();
    c.setRequestProperty("Authorization", "Bearer " + accessToken);
    if (c.getResponseCode() != 200) {
      throw new IOException("recording download answered " + c.getResponseCode());
    }
    Path file = dir.resolve(key(callId) + ".wav");
    MessageDigest sha = sha256();
    byte[] buffer = new byte[16_384];
    try (InputStream in = c.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
        sha.update(buffer, 0, n);
      }
    }
    call.sha256 = HexFormat.of().formatHex(sha.digest());
    call.stored = file;
  }

  private void post(String graphPath, String json) throws IOException {
    request("POST", graphPath, json);
  }

  private void request(String method, String graphPath, String json) throws IOException {
    send(emulator, token, method, graphPath, json);
  }

  /** One Graph request to the emulator, as the floors send them; a non-2xx answer is an IOException. */
  static void send(GraphEmulator emulator, String token, String method, String graphPath, String json)
      throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(emulator.graphBaseUrl() + graphPath).toURL().openConnection();
    c.setRequestMethod(method);
    c.setRequestProperty("Authorization", "Bearer " + token);
    if (json != null) {
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      try (OutputStream out = c.getOutputStream()) {
        out.write(json.getBytes(StandardCharsets.UTF_8));
      }
    }
    int status = c.getResponseCode();
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      String answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (status / 100 != 2) {
        throw new IOException(method + " " + graphPath + " answered " + status + ": " + answer);
      }
    }
  }

  /** An app token from the emulator's token endpoint (client credentials). */
  static String fetchToken(GraphEmulator emulator) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(emulator.tokenEndpoint()).toURL().openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
      String form = "grant_type=client_credentials&client_id=" + emulator.config().clientId()
          + "&client_secret=" + URLEncoder.encode(emulator.config().clientSecret(), StandardCharsets.UTF_8)
          + "&scope=" + URLEncoder.encode("https://graph.microsoft.com/.default", StandardCharsets.UTF_8);
      try (OutputStream out = c.getOutputStream()) {
        out.write(form.getBytes(StandardCharsets.UTF_8));
      }
      try (InputStream in = c.getInputStream()) {
        return JSON.readTree(in).path("access_token").asText();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the floor could not get a token from the emulator", e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
