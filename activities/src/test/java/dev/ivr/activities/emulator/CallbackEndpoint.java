package dev.ivr.activities.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/** The bot's side for tests: takes the emulator's notifications at /callback and serves prompt WAVs. */
final class CallbackEndpoint implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> prompts = new ConcurrentHashMap<>();

  CallbackEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("GET") && prompts.containsKey(path)) {
          byte[] wav = prompts.get(path);
          exchange.getResponseHeaders().set("Content-Type", "audio/wav");
          exchange.sendResponseHeaders(200, wav.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(wav);
          }
          return;
        }
        if (exchange.getRequestMethod().equals("POST") && path.equals("/callback")) {
          for (JsonNode item : JSON.readTree(body).path("value")) {
            notifications.add(item);
          }
          exchange.sendResponseHeaders(202, -1);
          return;
        }
        exchange.sendResponseHeaders(404, -1);
      }
    });
    server.start();
  }

  String callbackUri() {
    return base() + "/callback";
  }

  /** Serves a prompt WAV; returns its URL. */
  String prompt(String name, byte[] wav) {
    prompts.put("/prompts/" + name, wav);
    return base() + "/prompts/" + name;
  }

  /** The call's notification whose resourceData.state is {@code state}. */
  JsonNode awaitCallState(String callId, String state) {
    return await(n -> isCall(n, callId)
        && state.equalsIgnoreCase(n.path("resourceData").path("state").asText()), "call " + callId + " " + state);
  }

  /** Whether the notification's resourceUrl names this call, in any spelling (Graph's docs: upper case, no dashes). */
  static boolean isCall(JsonNode notification, String callId) {
    return squash(notification.path("resourceUrl").asText()).endsWith("/CALLS/" + squash(callId));
  }

  private static String squash(String id) {
    return id.replace("-", "").toUpperCase(java.util.Locale.ROOT);
  }

  /** The finished operation's notification (status completed or failed). */
  JsonNode awaitOperationDone(String operationId) {
    return await(n -> squash(n.path("resourceUrl").asText()).endsWith("/OPERATIONS/" + squash(operationId))
        && n.path("resourceData").path("status").asText().matches("(?i)completed|failed"),
        "operation " + operationId);
  }

  /** The first notification (whole item, not just resourceData) that matches. */
  JsonNode awaitNotification(Predicate<JsonNode> match, String what) {
    return await(match, what, false);
  }

  private JsonNode await(Predicate<JsonNode> match, String what) {
    return await(match, what, true);
  }

  private JsonNode await(Predicate<JsonNode> match, String what, boolean resourceData) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode n : notifications) {
        if (match.test(n)) {
          return resourceData ? n.path("resourceData") : n;
        }
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no notification for " + what + "; got " + notifications);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
