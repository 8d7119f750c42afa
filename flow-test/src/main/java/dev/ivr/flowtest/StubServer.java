package dev.ivr.flowtest;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Serves a test case's canned answers of the external systems a flow calls, on a loopback port. */
final class StubServer implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Every request received, in order, as {@code METHOD /path?query} and, when it had one, {@code  <body>}. */
  List<String> received() {
    return List.copyOf(received);
  }

  StubServer(List<FlowTestCase.Stub> stubs) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
      String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).strip();
      received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI()
          + (requestBody.isEmpty() ? "" : " " + requestBody));
      int seen = calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      FlowTestCase.Stub stub = stubs.stream()
          .filter(s -> s.method().equalsIgnoreCase(exchange.getRequestMethod()) && s.path().equals(exchange.getRequestURI().getPath()))
          .findFirst()
          .or(() -> stubs.stream()
              .filter(s -> s.method().equalsIgnoreCase(exchange.getRequestMethod())
                  && shape(s.path()).equals(shape(exchange.getRequestURI().getPath())))
              .findFirst())
          .orElse(null);
      int status;
      byte[] body;
      String type = "application/json";
      if (stub == null) {
        status = 404;
        body = "{\"error\":\"no stub\"}".getBytes(StandardCharsets.UTF_8);
      } else if (!stub.requireHeaders().entrySet().stream()
          .allMatch(h -> h.getValue().equals(exchange.getRequestHeaders().getFirst(h.getKey())))) {
        status = 401;
        body = "{\"error\":\"missing or wrong credentials\"}".getBytes(StandardCharsets.UTF_8);
      } else if (!stub.requireBody().stream().allMatch(requestBody::contains)) {
        status = 400;
        body = "{\"error\":\"the body lacks what the stub requires\"}".getBytes(StandardCharsets.UTF_8);
      } else if (seen <= stub.failFirst()) {
        status = 503;
        body = "{\"error\":\"unavailable\"}".getBytes(StandardCharsets.UTF_8);
      } else {
        status = stub.status();
        if (stub.json() != null) {
          body = stub.json().toString().getBytes(StandardCharsets.UTF_8);
        } else {
          type = "text/plain";
          body = (stub.text() == null ? "" : stub.text()).getBytes(StandardCharsets.UTF_8);
        }
      }
      exchange.getResponseHeaders().add("Content-Type", type);
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (var out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  /**
   * A path with its runs of 7+ digits reduced to their length: a stub recorded from an anonymised
   * history ({@code /accounts/00000002}) answers the request the caller's keys make again
   * ({@code /accounts/87654321}) in a what-if run.
   */
  static String shape(String path) {
    return java.util.regex.Pattern.compile("[0-9]{7,}").matcher(path).replaceAll(m -> "#" + m.group().length());
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int calls(String method, String path) {
    AtomicInteger n = calls.get(method + " " + path);
    return n == null ? 0 : n.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
