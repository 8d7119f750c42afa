package dev.ivr.activities.recording;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves one recording at {@code /recordings/r1?sig=...} with the token {@code rec-token}, honouring
 * {@code Range: bytes=N-}; it can fail mid-stream, ignore ranges, or stall.
 */
final class RecordingServer implements AutoCloseable {
  static final String TOKEN = "rec-token";
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final byte[] body;
  private final String contentType;
  final List<Request> requests = new CopyOnWriteArrayList<>();
  /** Closes the connection after this many body bytes, once; -1 never. */
  volatile int failAfterBytes = -1;
  volatile boolean honourRange = true;
  volatile boolean stall;
  final AtomicInteger downloads = new AtomicInteger();

  record Request(String path, String query, String authorization, String range) {}

  RecordingServer(byte[] body, String contentType) throws IOException {
    this.body = body;
    this.contentType = contentType;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/recordings/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String location() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/recordings/r1?sig=secret-signature";
  }

  String uri(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      String range = exchange.getRequestHeaders().getFirst("Range");
      requests.add(new Request(exchange.getRequestURI().getPath(), exchange.getRequestURI().getQuery(),
          authorization, range));
      if (!exchange.getRequestURI().getPath().equals("/recordings/r1")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (!("Bearer " + TOKEN).equals(authorization)) {
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      downloads.incrementAndGet();
      int from = 0;
      Matcher matcher = range == null ? null : RANGE.matcher(range);
      if (honourRange && matcher != null && matcher.matches()) {
        from = Integer.parseInt(matcher.group(1));
        exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
      }
      exchange.getResponseHeaders().add("Content-Type", contentType);
      exchange.sendResponseHeaders(from > 0 ? 206 : 200, body.length - from);
      OutputStream out = exchange.getResponseBody();
      if (stall) {
        out.write(body, from, 100);
        out.flush();
        while (stall) {
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
        return;
      }
      int fail = failAfterBytes;
      if (fail >= 0) {
        failAfterBytes = -1;
        out.write(body, from, fail);
        out.flush();
        // Leaves the body short of its Content-Length: the client sees the connection end early.
        return;
      }
      out.write(body, from, body.length - from);
    }
  }

  @Override
  public void close() {
    stall = false;
    server.stop(0);
    executor.shutdownNow();
  }
}
