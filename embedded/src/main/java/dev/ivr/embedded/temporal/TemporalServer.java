package dev.ivr.embedded.temporal;

import dev.ivr.embedded.LoopbackPorts;

import dev.ivr.worker.CallSearchAttributeRegistration;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Temporal server the system runs on, started as {@link TemporalChoice} says, with the call search
 * attributes registered in its namespace (the dev server and the test server; a cluster registers them
 * with {@code deploy/temporal/setup-namespace.sh}). Closing it stops what it started.
 */
public final class TemporalServer implements AutoCloseable {
  private final TemporalChoice choice;
  private final String target;
  private final String namespace;
  private final DevServer devServer;
  private final TestServer.PortBoundTestServer testServer;

  private TemporalServer(TemporalChoice choice, String target, String namespace, DevServer devServer,
      TestServer.PortBoundTestServer testServer) {
    this.choice = choice;
    this.target = target;
    this.namespace = namespace;
    this.devServer = devServer;
    this.testServer = testServer;
  }

  /** Starts (or, for an external one, connects to) the server and registers the call search attributes. */
  public static TemporalServer start(TemporalChoice choice) {
    return start(choice, null);
  }

  /**
   * The same; a dev server's Web UI decodes payloads through {@code uiCodecEndpoint} (the api's codec
   * server, e.g. {@code http://127.0.0.1:8080/codec}), when not null.
   */
  public static TemporalServer start(TemporalChoice choice, String uiCodecEndpoint) {
    TemporalServer server;
    if (choice instanceof TemporalChoice.DevServer dev) {
      DevServer.Settings settings = DevServer.Settings.inMemory(TemporalCli.locate(true))
          .withPorts(dev.port(), dev.uiPort()).withUiCodecEndpoint(uiCodecEndpoint);
      if (!dev.dynamicConfig().isEmpty()) {
        settings = settings.withDynamicConfig(dev.dynamicConfig());
      }
      if (dev.database() != null) {
        settings = settings.withDatabase(dev.database());
      }
      if (dev.stateDir() != null) {
        settings = settings.withLogFile(dev.stateDir().resolve("temporal.log"))
            .withPidFile(dev.stateDir().resolve("temporal.pid"));
      }
      DevServer started = DevServer.start(settings);
      server = new TemporalServer(choice, started.target(), "default", started, null);
    } else if (choice instanceof TemporalChoice.TestServer test) {
      int port = LoopbackPorts.orFree(test.port());
      server = new TemporalServer(choice, "127.0.0.1:" + port, "default", null, TestServer.createPortBoundServer(port));
    } else {
      TemporalChoice.External external = (TemporalChoice.External) choice;
      return new TemporalServer(choice, external.target(), external.namespace(), null, null);
    }
    try {
      server.registerSearchAttributes();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * Registers the call search attributes (idempotent). The dev server creates them only with a new
   * database, so an older database gets the ones added since here; the test server forgets them on
   * every restart.
   */
  public void registerSearchAttributes() {
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      CallSearchAttributeRegistration.register(service, namespace);
    } finally {
      service.shutdownNow();
    }
  }

  public TemporalChoice choice() {
    return choice;
  }

  /** host:port of its frontend. */
  public String target() {
    return target;
  }

  public String namespace() {
    return namespace;
  }

  /** The Temporal Web UI, where there is one we started (the dev server's). */
  public Optional<String> webUiUrl() {
    return devServer == null ? Optional.empty() : devServer.webUiUrl();
  }

  /** The dev server process, when that is what runs. */
  public Optional<DevServer> devServer() {
    return Optional.ofNullable(devServer);
  }

  /** Whether workflows survive a restart of the server: not on the test server, nor on an in-memory dev server. */
  public boolean durable() {
    if (devServer != null) {
      Path db = devServer.settings().database();
      return db != null && Files.exists(db);
    }
    return testServer == null;
  }

  /** Whether it answers visibility queries (ListWorkflowExecutions): every server but the test server. */
  public boolean hasVisibility() {
    return testServer == null;
  }

  /**
   * The CPU time the server's process has used so far: the dev server's, from {@code /proc}. Empty for
   * the test server (it runs in this JVM: per-thread CPU sees it) and for an external one.
   */
  public java.util.OptionalLong processCpuNanos() {
    if (devServer == null || !devServer.isRunning()) {
      return java.util.OptionalLong.empty();
    }
    return devServer.cpuTime().map(d -> java.util.OptionalLong.of(d.toNanos())).orElse(java.util.OptionalLong.empty());
  }

  /** One line for people: what it is and where. */
  public String describe() {
    if (devServer != null) {
      Path db = devServer.settings().database();
      return "Temporal dev server (" + (db == null ? "in memory" : "SQLite " + db) + ")";
    }
    if (testServer != null) {
      return "Temporal Java test server (in memory: NOT durable, no Web UI, no visibility)";
    }
    return "Temporal at " + target + " (namespace " + namespace + ")";
  }

  @Override
  public void close() {
    if (devServer != null) {
      devServer.close();
    }
    if (testServer != null) {
      testServer.close();
    }
  }
}
