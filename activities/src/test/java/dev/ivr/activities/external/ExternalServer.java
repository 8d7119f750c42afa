package dev.ivr.activities.external;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An external system on a loopback port: records every request and answers by path.
 *
 * <ul>
 *   <li>{@code /json}: 200 JSON with an {@code X-Trace-Id} header;
 *   <li>{@code /text}: 200 text/plain;
 *   <li>{@code /not-json}: 200 that claims JSON but is not;
 *   <li>{@code /endless}: 200 JSON that goes on for up to 64 MiB (counts the bytes it managed to write);
 *   <li>{@code /status/{code}}: that status, with {@code Retry-After} from the query {@code retryAfter};
 *   <li>{@code /hang}: waits until released before answering at all;
 *   <li>{@code /hang-body}: sends headers and a few bytes, then waits until released.
 * </ul>
 */
final class ExternalServer implements AutoCloseable {
  record Recorded(String method, String path, String query, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  static final long ENDLESS_LIMIT = 64L * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);
  final List<Recorded> requests = new CopyOnWriteArrayList<>();
  final AtomicLong endlessBytesWritten = new AtomicLong();

  ExternalServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getQuery();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(new Recorded(exchange.getRequestMethod(), path, query, Map.copyOf(exchange.getRequestHeaders()),
          body));
      switch (path) {
        case "/json" -> {
          exchange.getResponseHeaders().add("X-Trace-Id", "trace-1");
          exchange.getResponseHeaders().add("X-Multi", "a");
          exchange.getResponseHeaders().add("X-Multi", "b");
          send(exchange, 200, "application/json; charset=utf-8",
              "{\"customer\":{\"id\":42,\"name\":\"Zoë\",\"vip\":true},\"orders\":[1,2.5,\"three\"],\"none\":null}");
        }
        case "/problem" -> send(exchange, 200, "application/problem+json", "[\"a\",{\"b\":1}]");
        case "/text" -> send(exchange, 200, "text/plain; charset=utf-8", "plain hello");
        case "/not-json" -> send(exchange, 200, "application/json", "{\"unterminated\":");
        case "/empty" -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(204, -1);
        }
        case "/endless" -> endless(exchange);
        case "/hang" -> {
          await();
          send(exchange, 200, "text/plain", "late");
        }
        case "/hang-body" -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, 0);
          OutputStream out = exchange.getResponseBody();
          out.write("{\"partial\":".getBytes(StandardCharsets.UTF_8));
          out.flush();
          await();
        }
        default -> {
          if (path.startsWith("/status/")) {
            int status = Integer.parseInt(path.substring("/status/".length()));
            if (query != null && query.startsWith("retryAfter=")) {
              exchange.getResponseHeaders().add("Retry-After", query.substring("retryAfter=".length()));
            }
            send(exchange, status, "application/json", "{\"error\":\"server-side-detail-secret\"}");
          } else {
            send(exchange, 404, "text/plain", "no such path");
          }
        }
      }
    }
  }

  private void endless(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0); // chunked, no length
    byte[] chunk = new byte[16 * 1024];
    Arrays.fill(chunk, (byte) 'x');
    OutputStream out = exchange.getResponseBody();
    try {
      out.write("[\"".getBytes(StandardCharsets.US_ASCII));
      while (endlessBytesWritten.get() < ENDLESS_LIMIT) {
        out.write(chunk);
        out.flush();
        endlessBytesWritten.addAndGet(chunk.length);
      }
    } catch (IOException clientWentAway) {
      // expected: the client stops reading at its cap
    }
  }

  private void await() {
    try {
      release.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
