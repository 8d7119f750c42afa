package dev.ivr.activities.graph;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable stand-in for Graph and Entra ID on one loopback port, for the error paths the
 * emulator does not inject: Graph answers with queued responses (default: Graph's usual answers),
 * the token endpoint issues {@link #TOKEN} for the right secret.
 */
final class FakeGraph implements AutoCloseable {
  static final String TENANT = "tenant-1";
  static final String CLIENT_ID = "client-1";
  static final String SECRET = "s3cret-value";
  static final String TOKEN = "graph-token-1";

  record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  record Canned(int status, Map<String, String> headers, String body) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  final List<Recorded> graphRequests = new CopyOnWriteArrayList<>();
  final AtomicInteger tokenRequests = new AtomicInteger();
  final Queue<Canned> next = new ConcurrentLinkedQueue<>();

  FakeGraph() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  GraphSettings settings() {
    return settings(SECRET);
  }

  GraphSettings settings(String secret) {
    return new GraphSettings(baseUrl() + "/v1.0", null, TENANT, CLIENT_ID, secret, baseUrl(), null);
  }

  void enqueue(int status, String body, String... headerPairs) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      headers.put(headerPairs[i], headerPairs[i + 1]);
    }
    next.add(new Canned(status, headers, body));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (path.equals("/" + TENANT + "/oauth2/v2.0/token")) {
        tokenRequests.incrementAndGet();
        if (!body.contains("client_secret=" + SECRET)) {
          send(exchange, 401, Map.of(), "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: "
              + "Invalid client secret provided.\",\"error_codes\":[7000215]}");
          return;
        }
        send(exchange, 200, Map.of(), "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
            + "\"access_token\":\"" + TOKEN + "\"}");
        return;
      }
      graphRequests.add(new Recorded(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()),
          body));
      Canned canned = next.poll();
      if (canned == null) {
        canned = usual(exchange.getRequestMethod(), path, body);
      }
      send(exchange, canned.status(), canned.headers(), canned.body());
    }
  }

  private static Canned usual(String method, String path, String body) {
    if (method.equals("DELETE")) {
      return new Canned(204, Map.of(), null);
    }
    if (path.endsWith("/answer")) {
      return new Canned(202, Map.of(), null);
    }
    String type = path.endsWith("/recordResponse") ? "recordOperation" : "playPromptOperation";
    String clientContext = body.replaceAll("(?s).*\"clientContext\"\\s*:\\s*\"([^\"]*)\".*", "$1");
    return new Canned(200, Map.of("Location", "https://graph.microsoft.com/v1.0/communications/calls/x/operations/op-1"),
        "{\"@odata.type\":\"#microsoft.graph." + type + "\",\"id\":\"op-1\",\"status\":\"running\","
            + "\"clientContext\":\"" + clientContext + "\",\"resultInfo\":null}");
  }

  private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
      throws IOException {
    headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
