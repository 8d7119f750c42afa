package dev.ivr.launcher.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The public address of several api instances, as a cloud load balancer gives them: round robin,
 * and a request whose backend refuses the connection goes to the next one. Plain HTTP on loopback.
 */
final class LoadBalancer implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
      "transfer-encoding", "keep-alive", "date");

  private final HttpServer server;
  private final List<String> backends = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicInteger next = new AtomicInteger();
  final AtomicInteger failovers = new AtomicInteger();

  /** Listens on a free port; backends are added once they know its address. */
  LoadBalancer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::forward);
    server.setExecutor(Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "load-balancer");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  void addBackend(String baseUrl) {
    backends.add(baseUrl);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      int first = Math.floorMod(next.getAndIncrement(), backends.size());
      for (int i = 0; i < backends.size(); i++) {
        String backend = backends.get((first + i) % backends.size());
        try {
          HttpResponse<byte[]> response = http.send(request(exchange, backend, body),
              HttpResponse.BodyHandlers.ofByteArray());
          response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
              exchange.getResponseHeaders().put(name, values);
            }
          });
          byte[] out = response.body();
          exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
          try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
          }
          return;
        } catch (ConnectException | HttpTimeoutException down) {
          failovers.incrementAndGet();
        } catch (IOException e) {
          if (!(e.getCause() instanceof ConnectException)) {
            throw e;
          }
          failovers.incrementAndGet();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      exchange.sendResponseHeaders(502, -1);
    }
  }

  private static HttpRequest request(HttpExchange exchange, String backend, byte[] body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(backend + exchange.getRequestURI()))
        .timeout(Duration.ofSeconds(10))
        .method(exchange.getRequestMethod(), body.length == 0
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> builder.header(name, v));
      }
    });
    return builder.build();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
