package dev.ivr.launcher.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/cluster.sh}, driven from a test: start the whole cluster, kill one service by its PID,
 * start it again, stop everything. The cluster keeps its state in a folder of its own
 * ({@code IVR_CLUSTER_STATE}), so a developer's cluster in {@code .state/cluster} is left alone.
 * Each command's output (the script's progress) goes to {@code <state>/../cluster-commands.log} and,
 * when a command fails, into the exception.
 */
final class Cluster implements AutoCloseable {
  private static final Path SCRIPT = Path.of("deploy", "cluster.sh");

  private final Path state;
  private final Path commandLog;
  private Map<String, String> env = Map.of();

  private Cluster(Path state) {
    this.state = state.toAbsolutePath();
    this.commandLog = this.state.resolveSibling(this.state.getFileName() + "-commands.log");
  }

  /** Deletes what an earlier run left in {@code state}, then starts every service. */
  static Cluster start(Path state, Duration timeout) throws IOException, InterruptedException {
    Cluster cluster = new Cluster(state);
    cluster.run(Duration.ofMinutes(2), "clean");
    try {
      cluster.run(timeout, "start");
      cluster.env = cluster.readEnv();
    } catch (RuntimeException | IOException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** An address the script exported ({@code TEMPORAL_ADDRESS}, {@code IVR_EMULATOR_URL}, ...). */
  String env(String key) {
    String value = env.get(key);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(key + " is not in the cluster's environment: " + env.keySet());
    }
    return value;
  }

  /** SIGKILLs a service by its PID (PostgreSQL: an immediate shutdown); returns that PID. */
  long kill(String service) throws IOException, InterruptedException {
    return Long.parseLong(run(Duration.ofMinutes(1), "kill", service));
  }

  /** Starts a service again and waits until it serves; returns its new PID. */
  long startService(String service) throws IOException, InterruptedException {
    return Long.parseLong(run(Duration.ofMinutes(3), "start", service));
  }

  Path recordingsDir() {
    return Path.of(env("IVR_RECORDINGS_DIR"));
  }

  Path log(String service) {
    return state.resolve("logs").resolve(service + ".log");
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run(Duration.ofMinutes(3), "stop");
  }

  private Map<String, String> readEnv() throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(state.resolve("cluster.env"))) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return values;
  }

  /** Runs the script; returns the last line of its output (a PID, for kill and start SERVICE). */
  private String run(Duration timeout, String... args) throws IOException, InterruptedException {
    Path output = Files.createTempFile("cluster-command", ".log");
    try {
      List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(output.toFile());
      builder.environment().put("IVR_CLUSTER_STATE", state.toString());
      Process process = builder.start();
      boolean done = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
      if (!done) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      String text = Files.readString(output);
      Files.writeString(commandLog, "$ deploy/cluster.sh " + String.join(" ", args) + "\n" + text,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      if (!done || process.exitValue() != 0) {
        throw new IllegalStateException("deploy/cluster.sh " + String.join(" ", args)
            + (done ? " exited with " + process.exitValue() : " did not finish within " + timeout) + ":\n" + text);
      }
      List<String> lines = text.lines().toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
