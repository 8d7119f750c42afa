package dev.ivr.api.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * An ingress in front of the api, as production has one: the browser talks to it, it talks to the
 * api at the api's own address (the api never sees the public host), passing headers and bodies
 * through and answers back untouched (a relative {@code Location} stays relative). No forwarded headers.
 */
public final class ReverseProxy implements AutoCloseable {

  private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
      "upgrade", "keep-alive", "expect", "te", "trailer");

  private final HttpServer server;
  private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  public ReverseProxy(int port, String upstream) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", exchange -> {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
            .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
          if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
            values.forEach(v -> request.header(name, v));
          }
        });
        HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        answer.headers().map().forEach((name, values) -> {
          if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
            exchange.getResponseHeaders().put(name, values);
          }
        });
        byte[] out = answer.body();
        exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
          try (OutputStream o = exchange.getResponseBody()) {
            o.write(out);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
