package dev.ivr.launcher.reliability;

import dev.ivr.activities.external.HttpActivitiesImpl;
import dev.ivr.activities.graph.GraphCallActivitiesImpl;
import dev.ivr.activities.graph.GraphClients;
import dev.ivr.activities.recording.RecordingActivitiesImpl;
import dev.ivr.api.ApiApplication;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.embedded.EmulatorWiring;
import dev.ivr.embedded.LoopbackPorts;
import dev.ivr.embedded.temporal.TemporalChoice;
import dev.ivr.embedded.temporal.TemporalServer;
import dev.ivr.recordings.FileSystemRecordingStore;
import dev.ivr.recordings.RecordingStore;
import dev.ivr.worker.WorkerSettings;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.CallWorkflowImpl;
import dev.ivr.workflows.flow.expr.CelExpressions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The system's parts, started one by one so that a test can break any of them: a Temporal server (the
 * CLI's dev server with a database file, the default; or the Java test server), the Graph emulator,
 * api instances (in-process Spring contexts), workers in this JVM or as separate JVMs. Random ports;
 * {@link #close()} stops everything that was started, each by its own handle, in reverse order.
 */
final class ReliabilityHarness implements AutoCloseable {
  /** The called identity that routes to the test flow whose record node has an error path. */
  static final String ON_ERROR_TARGET = "reliability-on-error";

  private final List<AutoCloseable> started = new ArrayList<>();
  private final double timeScale;
  private final Path workDir;
  private final Path flowsDir;
  private final Path recordingsDir;
  private final TemporalChoice choice;
  private TemporalServer temporal;
  private GraphEmulator emulator;
  private WorkflowServiceStubs clientService;
  private WorkflowClient client;

  private ReliabilityHarness(double timeScale, boolean testServer) throws IOException {
    this.timeScale = timeScale;
    this.workDir = Files.createTempDirectory("ivr-reliability");
    this.flowsDir = testFlows(workDir.resolve("flows"));
    this.recordingsDir = workDir.resolve("recordings");
    this.choice = testServer ? new TemporalChoice.TestServer(LoopbackPorts.free())
        : new TemporalChoice.DevServer(workDir.resolve("temporal.db"), 0, -1, workDir);
  }

  /**
   * Starts the Temporal dev server (durable: a database file) and the emulator ({@code emulator} may be
   * customised; its time scale is set to {@code timeScale}, and so is the api's
   * {@code ivr.calls.time-scale}).
   */
  static ReliabilityHarness start(double timeScale, UnaryOperator<EmulatorConfig> emulator) throws IOException {
    return start(timeScale, emulator, false);
  }

  /** The same, on the Java test server (in memory) when {@code testServer}. */
  static ReliabilityHarness start(double timeScale, UnaryOperator<EmulatorConfig> emulator, boolean testServer)
      throws IOException {
    ReliabilityHarness harness = new ReliabilityHarness(timeScale, testServer);
    try {
      harness.temporal = TemporalServer.start(harness.choice);
      harness.connect();
      harness.emulator = GraphEmulator.start(emulator.apply(EmulatorConfig.defaults().withTimeScale(timeScale)));
      harness.started.add(harness.emulator);
      return harness;
    } catch (RuntimeException e) {
      harness.close();
      throw e;
    }
  }

  private void connect() {
    clientService = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget()).build());
    client = WorkflowClient.newInstance(clientService);
  }

  /**
   * Starts the server again after {@link #stopTemporal()}: the dev server on its database and ports
   * (it resumes every workflow), the test server empty on its port (it lost them all).
   */
  void startTemporal() {
    if (temporal.devServer().isPresent()) {
      temporal.devServer().get().restart();
    } else {
      temporal = TemporalServer.start(choice);
    }
    connect();
  }

  /** Stops the server as a crash would: the dev server by SIGKILL; the test server (all in memory) is closed. */
  void stopTemporal() {
    clientService.shutdownNow();
    clientService.awaitTermination(5, TimeUnit.SECONDS);
    if (temporal.devServer().isPresent()) {
      temporal.devServer().get().kill();
    } else {
      temporal.close();
    }
  }

  /** Whether the server keeps workflows in memory only (the Java test server). */
  boolean onTestServer() {
    return choice instanceof TemporalChoice.TestServer;
  }

  String temporalTarget() {
    return temporal.target();
  }

  GraphEmulator emulator() {
    return emulator;
  }

  WorkflowClient client() {
    return client;
  }

  Path recordingsDir() {
    return recordingsDir;
  }

  Path workDir() {
    return workDir;
  }

  double timeScale() {
    return timeScale;
  }

  /** Worker settings that reach the emulator, as the embedded system uses them. */
  WorkerSettings workerSettings() {
    return EmulatorWiring.workerSettings(emulator, temporalTarget(), recordingsDir);
  }

  /** A worker in this JVM; {@code store} may wrap the file-system store (to inject storage faults). */
  WorkerFactory startInJvmWorker(UnaryOperator<RecordingStore> store) {
    WorkerSettings settings = workerSettings();
    // its own connection, which outlives a restart of the test server (the harness's client does not)
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget()).build());
    WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(service));
    CelExpressions.check("true", Set.of());
    Worker worker = factory.newWorker(CallIds.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(CallWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new GraphCallActivitiesImpl(GraphClients.create(settings.graph())),
        new RecordingActivitiesImpl(store.apply(new FileSystemRecordingStore(recordingsDir))),
        new HttpActivitiesImpl());
    factory.start();
    started.add(() -> {
      factory.shutdownNow();
      factory.awaitTermination(5, TimeUnit.SECONDS);
      service.shutdownNow();
    });
    return factory;
  }

  /** A worker as a separate JVM ({@code dev.ivr.worker.WorkerMain}), configured by environment variables. */
  WorkerProcess startWorkerProcess(String name) throws IOException {
    return startWorkerProcess(name, java.util.Map.of());
  }

  /** A worker JVM with more environment variables. */
  WorkerProcess startWorkerProcess(String name, java.util.Map<String, String> env) throws IOException {
    WorkerProcess worker = WorkerProcess.start(name, this, env);
    started.add(worker);
    return worker;
  }

  /** An api instance on a free port; {@code publicBaseUrl} null means its own address. */
  Api startApi(String publicBaseUrl, String... extraArgs) {
    int port = EmulatorWiring.freePort();
    String own = "http://127.0.0.1:" + port;
    List<String> args = new ArrayList<>(List.of(
        "--server.port=" + port,
        "--server.address=127.0.0.1",
        "--spring.temporal.connection.target=" + temporalTarget(),
        "--ivr.public-base-url=" + (publicBaseUrl == null ? own : publicBaseUrl),
        "--ivr.flows.dir=" + flowsDir,
        "--ivr.flows.routing=" + flowsDir.resolve("routing.yaml"),
        "--ivr.prompts.dir=" + flowsDir.resolve("prompts"),
        "--ivr.calls.time-scale=" + timeScale,
        // the webhook validates the emulator's signed notification tokens, as it validates Graph's
        "--ivr.notifications.auth.mode=validate",
        "--ivr.notifications.auth.openid-configuration-url=" + emulator.notificationOpenIdConfigurationUrl(),
        "--ivr.notifications.auth.audience=" + emulator.config().clientId(),
        "--ivr.notifications.auth.allowed-tenants=" + emulator.config().tenantId(),
        "--spring.main.banner-mode=off"));
    args.addAll(List.of(extraArgs));
    ConfigurableApplicationContext context = new SpringApplicationBuilder(ApiApplication.class)
        .run(args.toArray(String[]::new));
    Api api = new Api(context, own, own + context.getEnvironment().getProperty("ivr.callback.path",
        "/callbacks/calling"));
    started.add(api);
    return api;
  }

  /** An api instance: its Spring context and where it listens. */
  record Api(ConfigurableApplicationContext context, String baseUrl, String callbackUri) implements AutoCloseable {
    @Override
    public void close() {
      if (context.isActive()) {
        context.close();
      }
    }
  }

  /** Raises a call and returns its id. */
  String raise(IncomingCallSpec spec) {
    return emulator.raiseIncomingCall(spec);
  }

  /** Waits for the call's workflow to be started by the api and to finish; its result. */
  CallResult awaitResult(String callId, Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    WorkflowStub call = client.newUntypedWorkflowStub(CallIds.workflowId(callId));
    while (true) {
      try {
        return call.getResult(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS, CallResult.class);
      } catch (WorkflowNotFoundException notStartedYet) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("no workflow was started for call " + callId);
        }
        sleep(50);
      }
    }
  }

  /** Every complete recording file under the recordings directory. */
  List<Path> recordingFiles() throws IOException {
    return files(".wav");
  }

  List<Path> files(String suffix) throws IOException {
    if (!Files.isDirectory(recordingsDir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(recordingsDir)) {
      return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted()
          .toList();
    }
  }

  /** Prints the end of every worker JVM's output: what a failed test needs to be understood. */
  void printWorkerLogTails() {
    for (AutoCloseable part : started) {
      if (part instanceof WorkerProcess worker) {
        try {
          List<String> lines = worker.output().lines().toList();
          System.out.println("---- " + worker + ", last lines of its output ----");
          lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
        } catch (IOException e) {
          System.out.println("---- " + worker + ": output unreadable: " + e);
        }
      }
    }
  }

  /** Stops what was started, newest first; every part is stopped even if another fails. */
  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("reliability harness: stopping " + started.get(i) + " failed: " + e);
      }
    }
    started.clear();
    if (clientService != null) {
      clientService.shutdownNow();
    }
    if (temporal != null) {
      temporal.close();
    }
    deleteQuietly(workDir);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A copy of the repository's {@code flows/} (the tests run from the repository root) plus one
   * test flow: the voicemail whose record node has an {@code onError} path, routed from
   * {@link #ON_ERROR_TARGET}.
   */
  private static Path testFlows(Path target) throws IOException {
    Path source = Path.of("flows").toAbsolutePath();
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path from : walk.toList()) {
        Path to = target.resolve(source.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    Path flow = target.resolve("reliability-record");
    Files.createDirectories(flow);
    Files.writeString(flow.resolve("flow.yaml"), """
        id: reliability-record
        description: The voicemail with an error path on its record node (reliability tests)
        locales: [en-US]
        start: greeting
        nodes:
          greeting:
            type: play
            prompts: [voicemail-greeting]
            next: record
          record:
            type: record
            variable: message
            settings:
              maxRecordDurationInSeconds: 30
              initialSilenceTimeoutInSeconds: 5
              maxSilenceTimeoutInSeconds: 3
              playBeep: true
              stopTones: ["#"]
            next: goodbye
            onError: sorry
          sorry:
            type: play
            prompts: [lookup-failed]
            next: end
          goodbye:
            type: play
            prompts: [goodbye]
            next: end
          end:
            type: hangup
        """);
    Files.writeString(target.resolve("routing.yaml"), """
        default: voicemail
        aliases: {}
        routes:
          - {identity: "%s", flow: reliability-record}
        """.formatted(ON_ERROR_TARGET));
    return target;
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // a temp directory; nothing else depends on it
    }
  }
}
