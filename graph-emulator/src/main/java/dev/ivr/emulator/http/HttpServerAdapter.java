package dev.ivr.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves a {@link Router} on the JDK's HttpServer with a bounded thread pool. */
public final class HttpServerAdapter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HttpServerAdapter.class);

  /** Sees every exchange just before its response is written (for the journal). */
  public interface ExchangeListener {
    void onExchange(Request request, Response response, long endNanos);
  }

  private final HttpServer server;
  private final ThreadPoolExecutor pool;
  private final Router router;
  private final ExchangeListener listener;

  public HttpServerAdapter(String host, int port, int threads, Router router, ExchangeListener listener)
      throws IOException {
    this.router = router;
    this.listener = listener;
    this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024),
        r -> {
          Thread t = new Thread(r, "graph-emulator-http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    pool.allowCoreThreadTimeOut(true);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    long received = System.nanoTime();
    Request req;
    Response resp;
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readAllBytes();
      URI uri = ex.getRequestURI();
      req = new Request(ex.getRequestMethod().toUpperCase(), uri.getPath(), Request.parseQuery(uri.getRawQuery()),
          ex.getRequestHeaders(), body, Map.of(), received);
    }
    try {
      resp = dispatch(req);
    } catch (HttpError e) {
      resp = plainError(e);
    } catch (Exception e) {
      log.warn("handler failed for {} {}", req.method(), req.path(), e);
      resp = plainError(new HttpError(500, "UnknownError", "Unexpected exception returned from the service."));
    }
    // journal before answering, so a client that reads the journal after its response sees the entry
    if (listener != null) listener.onExchange(req, resp, System.nanoTime());
    try {
      write(ex, resp);
    } catch (IOException e) {
      log.debug("client went away: {}", e.toString());
    } finally {
      ex.close();
    }
  }

  private Response dispatch(Request req) throws Exception {
    Router.Match m = router.match(req.method(), req.path());
    if (m == null) throw new HttpError(404, "NotFound", "No HTTP resource was found that matches the request URI.");
    if (m.route() == null) throw new HttpError(405, "MethodNotAllowed", "The requested resource does not support http method '" + req.method() + "'.");
    return m.route().handler().handle(req.withParams(m.vars()));
  }

  static Response plainError(HttpError e) {
    var err = Json.object();
    err.putObject("error").put("code", e.code()).put("message", e.getMessage());
    Response r = Response.json(e.status(), err);
    for (var h : e.headers().entrySet()) r = r.withHeader(h.getKey(), h.getValue());
    return r;
  }

  private static void write(HttpExchange ex, Response resp) throws IOException {
    var h = ex.getResponseHeaders();
    resp.headers().forEach(h::set);
    if (resp.contentType() != null) h.set("Content-Type", resp.contentType());
    boolean noBody = resp.body().length == 0 || "HEAD".equals(ex.getRequestMethod());
    if (noBody) {
      ex.sendResponseHeaders(resp.status(), -1);
      return;
    }
    ex.sendResponseHeaders(resp.status(), resp.chunked() ? 0 : resp.body().length);
    try (OutputStream out = ex.getResponseBody()) {
      byte[] b = resp.body();
      for (int off = 0; off < b.length; off += 16384) {
        out.write(b, off, Math.min(16384, b.length - off));
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
