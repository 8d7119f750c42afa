package dev.ivr.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's metrics: one Prometheus registry that the activities record into and that Temporal's
 * SDK metrics (and the workflows' {@code Workflow.getMetricsScope()} metrics) reach through a tally
 * scope, served as Prometheus text at {@code /metrics} by a small JDK HTTP server.
 */
final class WorkerMetrics implements AutoCloseable {
  static final String PATH = "/metrics";
  /** How often the tally scope hands Temporal's metrics to the registry. */
  private static final com.uber.m3.util.Duration REPORT_EVERY = com.uber.m3.util.Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(WorkerMetrics.class);

  private final PrometheusMeterRegistry registry;
  private final Scope scope;
  private final HttpServer server;
  private final ExecutorService executor;

  private WorkerMetrics(PrometheusMeterRegistry registry, Scope scope, HttpServer server, ExecutorService executor) {
    this.registry = registry;
    this.scope = scope;
    this.server = server;
    this.executor = executor;
  }

  /** The registry and scope, serving them at the endpoint unless it is {@link WorkerSettings.MetricsEndpoint#OFF}. */
  static WorkerMetrics start(WorkerSettings.MetricsEndpoint endpoint) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Scope scope = new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(REPORT_EVERY);
    if (!endpoint.enabled()) {
      return new WorkerMetrics(registry, scope, null, null);
    }
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(endpoint.host(), endpoint.port()), 16);
      ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "worker-metrics");
        thread.setDaemon(true);
        return thread;
      });
      server.setExecutor(executor);
      server.createContext("/", exchange -> serve(exchange, registry));
      server.start();
      WorkerMetrics metrics = new WorkerMetrics(registry, scope, server, executor);
      log.info("worker metrics at {}", metrics.url());
      return metrics;
    } catch (IOException e) {
      closeQuietly(scope);
      throw new UncheckedIOException("cannot serve worker metrics on " + endpoint.host() + ":" + endpoint.port()
          + " (" + WorkerSettings.METRICS_PORT + "=off disables them)", e);
    }
  }

  MeterRegistry registry() {
    return registry;
  }

  Scope scope() {
    return scope;
  }

  /** {@code http://host:port/metrics}, or null when metrics are not served. */
  String url() {
    if (server == null) {
      return null;
    }
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + PATH;
  }

  private static void serve(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
    try (exchange) {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().add("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void closeQuietly(Scope scope) {
    try {
      scope.close();
    } catch (ScopeCloseException e) {
      log.warn("closing the Temporal metrics scope failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    closeQuietly(scope); // reports what is left
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
    }
    registry.close();
  }
}
