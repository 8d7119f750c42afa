package dev.ivr.embedded.temporal;

import java.nio.file.Path;

/**
 * Which Temporal server the system runs on.
 *
 * <ul>
 *   <li>{@link DevServer}: the Temporal CLI's {@code server start-dev}, the default. Real Temporal with
 *       the Web UI and visibility; durable when it has a database file.
 *   <li>{@link TestServer}: the Java SDK's in-memory test server, the fallback where the CLI cannot be
 *       built. Not durable, no Web UI, no visibility queries.
 *   <li>{@link External}: a server that runs already (a cluster, {@code deploy/cluster}), as is.
 * </ul>
 */
public sealed interface TemporalChoice {

  /**
   * The CLI's dev server.
   *
   * @param database its SQLite file; null keeps it in memory (for tests)
   * @param port gRPC port, 0 for a free one; {@code uiPort} likewise, -1 for none
   * @param stateDir where its log and pid file go; null: a temporary file for the log, no pid file
   * @param dynamicConfig dynamic configuration values, each a JSON value (e.g.
   *     {@code matching.numTaskqueueReadPartitions=1}), set on top of {@link DevServer#DEFAULT_DYNAMIC_CONFIG};
   *     empty: those defaults
   */
  record DevServer(Path database, int port, int uiPort, Path stateDir, java.util.Map<String, String> dynamicConfig)
      implements TemporalChoice {
    public DevServer {
      dynamicConfig = dynamicConfig == null ? java.util.Map.of() : java.util.Map.copyOf(dynamicConfig);
    }

    /** {@link dev.ivr.embedded.temporal.DevServer#DEFAULT_DYNAMIC_CONFIG} only. */
    public DevServer(Path database, int port, int uiPort, Path stateDir) {
      this(database, port, uiPort, stateDir, java.util.Map.of());
    }

    /** The same server with these dynamic configuration values. */
    public DevServer withDynamicConfig(java.util.Map<String, String> values) {
      return new DevServer(database, port, uiPort, stateDir, values);
    }

    /** What it runs with: the defaults, these values on top (a key given again is replaced), sorted. */
    public java.util.SortedMap<String, String> effectiveDynamicConfig() {
      java.util.SortedMap<String, String> effective =
          new java.util.TreeMap<>(dev.ivr.embedded.temporal.DevServer.DEFAULT_DYNAMIC_CONFIG);
      effective.putAll(dynamicConfig);
      return effective;
    }
  }

  /** The Java SDK's test server, port-bound, in real time; {@code port} 0 for a free one. */
  record TestServer(int port) implements TemporalChoice {}

  /** A running server at {@code target} (host:port), namespace {@code namespace}. */
  record External(String target, String namespace) implements TemporalChoice {
    public External {
      if (target == null || !target.matches("[^:/\\s]+:\\d{1,5}")) {
        throw new IllegalArgumentException("a Temporal target is host:port, got '" + target + "'");
      }
      namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
    }
  }

  /** A dev server in memory on free ports, with its Web UI: what tests use. */
  static DevServer devServer() {
    return new DevServer(null, 0, 0, null);
  }

  static TemporalChoice testServer() {
    return new TestServer(0);
  }

  /**
   * {@code dev-server}, {@code test-server} or {@code external=HOST:PORT[/NAMESPACE]}, as the
   * launcher's and the benchmark's {@code --temporal} option takes it.
   */
  static TemporalChoice parse(String value) {
    if (value.equals("dev-server")) {
      return devServer();
    }
    if (value.equals("test-server")) {
      return testServer();
    }
    if (value.startsWith("external=")) {
      String rest = value.substring("external=".length());
      int slash = rest.indexOf('/');
      return slash < 0 ? new External(rest, null) : new External(rest.substring(0, slash), rest.substring(slash + 1));
    }
    throw new IllegalArgumentException("--temporal is dev-server, test-server or external=HOST:PORT[/NAMESPACE], got '"
        + value + "'");
  }

  /** Its name in print: dev-server, test-server, external. */
  default String label() {
    if (this instanceof DevServer) {
      return "dev-server";
    }
    return this instanceof TestServer ? "test-server" : "external";
  }
}
