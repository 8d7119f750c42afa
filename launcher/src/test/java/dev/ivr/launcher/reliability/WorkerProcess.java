package dev.ivr.launcher.reliability;

import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.worker.WorkerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code dev.ivr.worker.WorkerMain} in a JVM of its own, started with this test's class path and
 * configured only by environment variables (the client secret through {@code IVR_GRAPH_CLIENT_SECRET_FILE}).
 * Its standard output and error go to a log file that tests read.
 */
final class WorkerProcess implements AutoCloseable {
  /** What {@code Process.waitFor()} reports for a JVM ended by SIGKILL: 128 + 9. */
  static final int SIGKILL_EXIT = 137;

  private final String name;
  private final Process process;
  private final Path log;

  private WorkerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static WorkerProcess start(String name, ReliabilityHarness harness, Map<String, String> extraEnv)
      throws IOException {
    GraphEmulator emulator = harness.emulator();
    EmulatorConfig graph = emulator.config();
    Path secret = harness.workDir().resolve(name + "-client-secret");
    Files.writeString(secret, graph.clientSecret());
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    Path log = harness.workDir().resolve(name + ".log");
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx384m", "-cp", classPath, "dev.ivr.worker.WorkerMain"))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("IVR_") || k.startsWith("SPRING_TEMPORAL"));
    env.put(WorkerSettings.TEMPORAL_TARGET, harness.temporalTarget());
    env.put(WorkerSettings.GRAPH_BASE_URL, emulator.graphBaseUrl());
    env.put(WorkerSettings.GRAPH_AUTHORITY_HOST_OVERRIDE, emulator.baseUrl());
    env.put(WorkerSettings.GRAPH_TENANT_ID, graph.tenantId());
    env.put(WorkerSettings.GRAPH_CLIENT_ID, graph.clientId());
    env.put(WorkerSettings.GRAPH_CLIENT_SECRET + "_FILE", secret.toString());
    env.put(WorkerSettings.RECORDINGS_DIR, harness.recordingsDir().toString());
    // The Java test server never takes a workflow task back from a dead worker's sticky queue (a real
    // server does after 5 s), so workers that tests kill there do without one.
    if (harness.onTestServer()) {
      env.put(WorkerSettings.STICKY_EXECUTION, "false");
    }
    // several workers run side by side: metrics on loopback, each on a free port
    env.put(WorkerSettings.METRICS_HOST, "127.0.0.1");
    env.put(WorkerSettings.METRICS_PORT, "0");
    env.putAll(extraEnv);
    WorkerProcess worker = new WorkerProcess(name, builder.start(), log);
    worker.awaitPolling(Duration.ofSeconds(60));
    return worker;
  }

  /** Waits until the worker logs that it polls its task queue. */
  private void awaitPolling(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains("worker polling task queue")) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("worker " + name + " exited with " + process.exitValue() + ":\n" + output());
      }
      ReliabilityHarness.sleep(100);
    }
    throw new IllegalStateException("worker " + name + " did not start polling within " + timeout + ":\n" + output());
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL ({@code destroyForcibly} on Linux): no shutdown hook runs; returns the exit status. */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("worker " + name + " (pid " + pid() + ") survived SIGKILL");
    }
    return process.exitValue();
  }

  /** Everything the worker wrote to standard output and error. */
  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Override
  public String toString() {
    return "worker " + name + " (pid " + process.pid() + ")";
  }
}
