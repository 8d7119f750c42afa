package dev.ivr.launcher;

import dev.ivr.codec.PayloadKeys;
import dev.ivr.embedded.EmbeddedSystem;
import dev.ivr.embedded.EmulatorWiring;
import dev.ivr.embedded.temporal.DevServer;
import dev.ivr.embedded.temporal.TemporalChoice;
import dev.ivr.embedded.temporal.TemporalCli;
import dev.ivr.embedded.temporal.TemporalServer;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.event.RecordingStored;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code java -jar launcher/target/ivr-launcher-exec.jar [--temporal=dev-server|test-server|external=HOST:PORT[/NS]]
 * [--fresh] [--state-dir=DIR] [--exit-after-demo] [--no-demo] [--recordings-dir=DIR]}: starts the system
 * on its development defaults, places one demo call, prints its outcome, and keeps serving until stopped
 * (Ctrl-C). {@code … flow-test [FLOWS_DIR]} runs the flow tests instead (see
 * {@link dev.ivr.flowtest.FlowTestMain}).
 *
 * <p>The default Temporal is the CLI's dev server, with its SQLite database in the state folder
 * ({@code .state/dev}): stopped and started again, it resumes the calls that were in flight.
 * {@code --fresh} wipes that state first. Where the CLI cannot be built, it falls back to the Java test
 * server and says loudly what that costs.
 */
public final class EmbeddedMain {
  static final String USAGE = "use --temporal=dev-server|test-server|external=HOST:PORT[/NAMESPACE], --fresh,"
      + " --state-dir=DIR, --no-demo, --exit-after-demo, --recordings-dir=DIR";
  static final String TEST_SERVER_WARNING = """
      !!! Running on the Temporal Java TEST SERVER: calls are NOT durable (stopping it loses every call in
      !!! flight), there is NO Temporal Web UI and no visibility (search attributes show only on describe).
      !!! Install Go 1.25+ (then deploy/temporal/install-cli.sh builds the Temporal CLI) for the real server.""";

  private EmbeddedMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("flow-test")) {
      System.exit(dev.ivr.flowtest.FlowTestMain.run(
          java.util.Arrays.copyOfRange(args, 1, args.length), System.out));
    }
    boolean demo = true;
    boolean exitAfterDemo = false;
    boolean fresh = false;
    Path stateDir = Path.of(".state", "dev");
    TemporalChoice temporal = TemporalChoice.devServer();
    EmbeddedSystem.Options options = EmbeddedSystem.Options.defaults();
    for (String arg : args) {
      if (arg.equals("--no-demo")) {
        demo = false;
      } else if (arg.equals("--exit-after-demo")) {
        exitAfterDemo = true;
      } else if (arg.equals("--fresh")) {
        fresh = true;
      } else if (arg.startsWith("--state-dir=")) {
        stateDir = Path.of(arg.substring("--state-dir=".length()));
      } else if (arg.startsWith("--temporal=")) {
        try {
          temporal = TemporalChoice.parse(arg.substring("--temporal=".length()));
        } catch (IllegalArgumentException e) {
          System.err.println(e.getMessage());
          System.exit(2);
        }
      } else if (arg.startsWith("--recordings-dir=")) {
        options = options.withRecordingsDir(Path.of(arg.substring("--recordings-dir=".length())));
      } else {
        System.err.println("unknown argument " + arg + "; " + USAGE);
        System.exit(2);
      }
    }
    PrintStream out = System.out;
    DevState state = null;
    String payloadKeysFile = null;
    if (temporal instanceof TemporalChoice.DevServer) {
      try {
        TemporalCli.locate(true);
      } catch (TemporalCli.UnavailableException e) {
        System.err.println(e.getMessage());
        System.err.println("Falling back to the Temporal Java test server.");
        temporal = TemporalChoice.testServer();
      }
    }
    if (temporal instanceof TemporalChoice.DevServer) {
      try {
        state = DevState.open(stateDir, fresh);
      } catch (IllegalStateException e) {
        System.err.println(e.getMessage());
        System.exit(2);
      }
      temporal = new TemporalChoice.DevServer(state.temporalDatabase(), state.port("temporal"), state.port("ui"),
          state.dir());
      options = options.withPorts(state.port("emulator"), state.port("api"));
      payloadKeysFile = state.payloadKeysFile().toAbsolutePath().toString();
    } else if (fresh) {
      System.err.println("--fresh wipes the dev server's state; it has no effect with --temporal=" + temporal.label());
    }
    // the keys: IVR_PAYLOAD_KEYS[_FILE] when set, else the state folder's development key
    PayloadKeys fromEnvironment = PayloadKeys.fromEnvironment(System.getenv());
    if (!fromEnvironment.isEmpty()) {
      options = options.withPayloadKeys(fromEnvironment);
      payloadKeysFile = System.getenv(PayloadKeys.ENV_FILE);
    } else if (payloadKeysFile != null) {
      options = options.withPayloadKeys(PayloadKeys.of(null, payloadKeysFile));
    }
    boolean resuming = state != null && state.hasDatabase();
    EmbeddedSystem system;
    try {
      system = EmbeddedSystem.start(options.withTemporal(temporal));
    } catch (DevServer.StartException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    if (state != null) {
      remember(state, system);
    }
    printEndpoints(out, system, payloadKeysFile);
    if (resuming) {
      printResumed(out, system);
    }

    int status = 0;
    if (demo) {
      status = runDemo(system, out);
    }
    if (exitAfterDemo) {
      system.close();
      if (state != null) {
        state.close();
      }
      System.exit(status);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    DevState held = state;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      system.close();
      if (held != null) {
        held.close();
      }
      stopped.countDown();
    }, "shutdown"));
    out.printf("Serving until stopped (Ctrl-C). Raise more calls: POST %s/admin/calls%n", system.emulator().baseUrl());
    stopped.await();
  }

  private static void remember(DevState state, EmbeddedSystem system) {
    DevServer dev = system.temporal().devServer().orElseThrow();
    state.rememberPort("temporal", dev.settings().port());
    state.rememberPort("ui", dev.settings().uiPort());
    state.rememberPort("emulator", java.net.URI.create(system.emulator().baseUrl()).getPort());
    state.rememberPort("api", java.net.URI.create(system.endpoints().apiBaseUrl()).getPort());
  }

  private static void printEndpoints(PrintStream out, EmbeddedSystem system, String payloadKeysFile) {
    EmbeddedSystem.Endpoints at = system.endpoints();
    TemporalServer temporal = system.temporal();
    out.printf("%nIVR orchestrator, development system%n");
    out.printf("  %-48s  %s%n", temporal.describe(), at.temporalTarget());
    if (at.webUiUrl() != null) {
      out.printf("  %-48s  %s/namespaces/%s/workflows%n", "Temporal Web UI (calls, histories)", at.webUiUrl(),
          temporal.namespace());
    }
    out.printf("  %-48s  %s%n", "Graph emulator (Graph /v1.0, token, admin)", system.emulator().baseUrl());
    out.printf("  %-48s  connected to %s%n", "worker (task queue ivr-calls)", at.temporalTarget());
    out.printf("  %-48s  %s  (webhook %s)%n", "api (Graph webhook, prompts)", at.apiBaseUrl(), at.callbackUri());
    out.printf("  %-48s  %s%n", "recordings", at.recordingsDir());
    out.printf("  %-48s  %s/console/%n", "operator console (browser)", at.apiBaseUrl());
    for (String role : List.of("operator", "viewer")) {
      dev.ivr.emulator.EntraDirectory.User user = system.devUser(role);
      out.printf("  %-48s  %s / %s%n", "  sign in with Entra ID (the emulator), " + role, user.username(),
          user.password());
    }
    out.printf("  %-48s  %s/actuator/prometheus%n", "api metrics (Prometheus)", at.apiBaseUrl());
    system.workerMetricsUrl().ifPresent(url -> out.printf("  %-48s  %s%n", "worker metrics (Prometheus)", url));
    out.printf("  %-48s  %s%n", "REST bearer token (a script, role operator)",
        EmulatorWiring.scriptTokenCommand(system.emulator()));
    out.printf("  %-48s  %s/codec  (viewers and operators)%n", "codec server (Web UI, temporal --codec-endpoint)",
        at.apiBaseUrl());
    out.printf("  %-48s  %s%n%n", "payloads encrypted with key " + system.payloadKeys().currentId().orElse("(none)"),
        payloadKeysFile == null ? "(a key for this run only)" : "IVR_PAYLOAD_KEYS_FILE=" + payloadKeysFile);
    if (temporal.choice() instanceof TemporalChoice.TestServer) {
      out.println(TEST_SERVER_WARNING);
      out.println();
    }
  }

  /** The calls the last run left in flight: Temporal resumes them; their emulated Graph calls are gone. */
  private static void printResumed(PrintStream out, EmbeddedSystem system) {
    try {
      long running = system.client().countWorkflows(
          "WorkflowType = 'CallWorkflow' AND ExecutionStatus = 'Running'").getCount();
      out.printf("Resumed from %s: %d call(s) were in flight and continue now. Their Graph calls lived in the%n"
          + "previous run's emulator, so each ends at its next Graph request (404: the call is gone).%n%n",
          system.temporal().devServer().orElseThrow().settings().database(), running);
    } catch (RuntimeException e) {
      out.printf("Resumed from the previous run's database (could not count its calls: %s)%n%n", e.getMessage());
    }
  }

  private static int runDemo(EmbeddedSystem system, PrintStream out) throws Exception {
    out.println("Demo call: the emulator raises an incoming call; the caller waits for the beep, is silent 1 s, speaks 3 s.");
    DemoCall.Placed placed = DemoCall.place(system.emulator(), system.client(), system.endpoints().callbackUri(),
        Duration.ofSeconds(90));
    CallResult result = placed.result();
    String workflowId = dev.ivr.workflows.call.CallIds.workflowId(placed.callId());
    out.printf("  call %s → workflow %s: %s%n", placed.callId(), workflowId, result.outcome());
    if (system.endpoints().webUiUrl() != null) {
      out.printf("  in the Temporal Web UI: %s/namespaces/%s/workflows/%s%n", system.endpoints().webUiUrl(),
          system.temporal().namespace(), workflowId);
    }
    out.printf("  path: %s%n", result.path().stream()
        .map(s -> s.nodeId() + " (" + s.outcome() + ")").collect(Collectors.joining(" → ")));
    for (RecordingStored recording : result.recordings()) {
      byte[] generated = system.emulator().recordingBytes(placed.callId(), recording.operationId());
      boolean same = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(generated))
          .equals(recording.sha256());
      out.printf("  recording: %s%n", recording.location());
      out.printf("    size %d bytes, duration %.2f s, sha256 %s%n", recording.sizeBytes(),
          recording.durationMillis() / 1000.0, recording.sha256());
      out.printf("    completion %s; bytes equal what the emulator generated: %s%n", recording.completionReason(),
          same ? "yes" : "NO");
    }
    List<Duration> turnarounds = system.emulator().turnarounds(placed.callId());
    if (!turnarounds.isEmpty()) {
      out.printf("  turnaround (Graph notification sent → the bot's next Graph request received), %d steps: %s ms%n",
          turnarounds.size(), turnarounds.stream().map(d -> String.format("%.1f", d.toNanos() / 1e6))
              .collect(Collectors.joining(", ")));
    }
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    for (RecordingStored recording : result.recordings()) {
      long written = Files.getLastModifiedTime(Path.of(recording.location())).toMillis();
      out.printf("  recording written %.1f s after the JVM started%n", (written - jvmStart) / 1000.0);
    }
    out.printf("  call completed %.1f s after the JVM started%n%n", (System.currentTimeMillis() - jvmStart) / 1000.0);
    boolean ok = result.outcome() == CallOutcome.COMPLETED && !result.recordings().isEmpty();
    return ok ? 0 : 1;
  }
}
