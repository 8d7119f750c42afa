package dev.ivr.launcher;

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
 * {@code java -jar launcher/target/ivr-launcher-exec.jar [--exit-after-demo] [--no-demo]
 * [--recordings-dir=DIR]}: starts the embedded system, places one demo call, prints its outcome, and
 * keeps serving until stopped (Ctrl-C). {@code … flow-test [FLOWS_DIR]} runs the flow tests instead
 * (see {@link dev.ivr.launcher.flowtest.FlowTestMain}).
 */
public final class EmbeddedMain {
  private EmbeddedMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("flow-test")) {
      System.exit(dev.ivr.launcher.flowtest.FlowTestMain.run(
          java.util.Arrays.copyOfRange(args, 1, args.length), System.out));
    }
    boolean demo = true;
    boolean exitAfterDemo = false;
    EmbeddedSystem.Options options = EmbeddedSystem.Options.defaults();
    for (String arg : args) {
      if (arg.equals("--no-demo")) {
        demo = false;
      } else if (arg.equals("--exit-after-demo")) {
        exitAfterDemo = true;
      } else if (arg.startsWith("--recordings-dir=")) {
        options = options.withRecordingsDir(Path.of(arg.substring("--recordings-dir=".length())));
      } else {
        System.err.println("unknown argument " + arg + "; use --no-demo, --exit-after-demo, --recordings-dir=DIR");
        System.exit(2);
      }
    }
    PrintStream out = System.out;
    EmbeddedSystem system = EmbeddedSystem.start(options);
    EmbeddedSystem.Endpoints at = system.endpoints();
    out.printf("%nIVR orchestrator on embedded defaults%n");
    out.printf("  Temporal test server (gRPC, real time, in memory)  %s%n", at.temporalTarget());
    out.printf("  Graph emulator (Graph /v1.0, token, admin)        %s%n", system.emulator().baseUrl());
    out.printf("  worker (task queue ivr-calls)                     connected to %s%n", at.temporalTarget());
    out.printf("  api (Graph webhook, prompts)                      %s  (webhook %s)%n", at.apiBaseUrl(), at.callbackUri());
    out.printf("  recordings                                        %s%n", at.recordingsDir());
    out.printf("  operator console (browser)                        %s/console/%n", at.apiBaseUrl());
    out.printf("  api metrics (Prometheus)                          %s/actuator/prometheus%n", at.apiBaseUrl());
    system.workerMetricsUrl().ifPresent(url ->
        out.printf("  worker metrics (Prometheus)                       %s%n", url));
    out.printf("  operator endpoints (HTTP Basic, role operator)    %s%n%n", system.operatorCredentials());

    int status = 0;
    if (demo) {
      status = runDemo(system, out);
    }
    if (exitAfterDemo) {
      system.close();
      System.exit(status);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      system.close();
      stopped.countDown();
    }, "shutdown"));
    out.printf("Serving until stopped (Ctrl-C). Raise more calls: POST %s/admin/calls%n", system.emulator().baseUrl());
    stopped.await();
  }

  private static int runDemo(EmbeddedSystem system, PrintStream out) throws Exception {
    out.println("Demo call: the emulator raises an incoming call; the caller waits for the beep, is silent 1 s, speaks 3 s.");
    DemoCall.Placed placed = DemoCall.place(system.emulator(), system.client(), system.endpoints().callbackUri(),
        Duration.ofSeconds(90));
    CallResult result = placed.result();
    out.printf("  call %s → workflow call-%s: %s%n", placed.callId(), placed.callId().replace("-", ""), result.outcome());
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
