package dev.ivr.embedded.temporal;

import dev.ivr.embedded.LoopbackPorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal CLI's development server ({@code temporal server start-dev}) as a child process: a real
 * Temporal server (history, matching, frontend and worker services in one process, SQLite persistence,
 * advanced visibility) with its Web UI. With a database file it is durable: killed and started again on
 * the same file, it resumes every workflow. Ports given as 0 are chosen once, at the first start, so a
 * {@link #restart()} listens where clients already connect.
 *
 * <p>Stopped by its own PID: {@link #stop()} asks it to shut down (SIGTERM), {@link #kill()} sends
 * SIGKILL. A JVM that exits normally stops it too (a shutdown hook); one that is SIGKILLed leaves it
 * running, which is why a {@linkplain Settings#pidFile() pid file} lets the next start end a leftover.
 */
public final class DevServer implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  /**
   * The dynamic configuration every start gets unless {@link Settings#withDynamicConfig} sets a key
   * otherwise: eager activity dispatch, which hands a call's recording download to the worker in the
   * response to the workflow task that scheduled it instead of through the matching service's task
   * queue (BENCHMARKS.md, levers: the download starts 35-40 ms sooner at p50). The CLI's default is off;
   * a production cluster sets the same key in its dynamic config (deploy/temporal/dynamicconfig/ivr.yaml).
   */
  public static final Map<String, String> DEFAULT_DYNAMIC_CONFIG = Map.of("system.enableActivityEagerExecution", "true");

  /**
   * How to start it.
   *
   * @param cli the {@code temporal} binary
   * @param database the SQLite file (created when missing); null keeps everything in memory
   * @param port the frontend's gRPC port; 0 picks a free one
   * @param uiPort the Web UI's port; 0 picks a free one; -1 runs headless
   * @param httpPort the frontend's HTTP API port; 0 picks a free one
   * @param metricsPort the server's Prometheus port; 0 picks a free one
   * @param namespaces namespaces created at start besides {@code default}
   * @param dynamicConfig dynamic configuration values, each a JSON value ({@code "true"}, {@code "100"});
   *     {@link #inMemory} starts from {@link DevServer#DEFAULT_DYNAMIC_CONFIG}
   * @param logFile where the server's output goes (appended)
   * @param pidFile where its PID is kept while it runs; null keeps none
   * @param uiCodecEndpoint the codec server the Web UI decodes payloads with ({@code --ui-codec-endpoint}); null: none
   */
  public record Settings(Path cli, Path database, int port, int uiPort, int httpPort, int metricsPort,
      List<String> namespaces, Map<String, String> dynamicConfig, Path logFile, Path pidFile, String uiCodecEndpoint) {
    public Settings {
      if (cli == null || logFile == null) {
        throw new IllegalArgumentException("the CLI and a log file are required");
      }
      namespaces = List.copyOf(namespaces);
      dynamicConfig = Map.copyOf(new LinkedHashMap<>(dynamicConfig));
    }

    /** In memory, free ports, the Web UI on, a log file in a temporary directory. */
    public static Settings inMemory(Path cli) {
      try {
        Path log = Files.createTempFile("temporal-dev-server-", ".log");
        return new Settings(cli, null, 0, 0, 0, 0, List.of(), DEFAULT_DYNAMIC_CONFIG, log, null, null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public Settings withDatabase(Path file) {
      return new Settings(cli, file, port, uiPort, httpPort, metricsPort, namespaces, dynamicConfig, logFile, pidFile, uiCodecEndpoint);
    }

    public Settings withPorts(int grpc, int ui) {
      return new Settings(cli, database, grpc, ui, httpPort, metricsPort, namespaces, dynamicConfig, logFile, pidFile, uiCodecEndpoint);
    }

    public Settings withLogFile(Path file) {
      return new Settings(cli, database, port, uiPort, httpPort, metricsPort, namespaces, dynamicConfig, file, pidFile, uiCodecEndpoint);
    }

    public Settings withPidFile(Path file) {
      return new Settings(cli, database, port, uiPort, httpPort, metricsPort, namespaces, dynamicConfig, logFile, file, uiCodecEndpoint);
    }

    /** These dynamic configuration values on top of the ones set already (a key given again is replaced). */
    public Settings withDynamicConfig(Map<String, String> values) {
      Map<String, String> merged = new LinkedHashMap<>(dynamicConfig);
      merged.putAll(values);
      return new Settings(cli, database, port, uiPort, httpPort, metricsPort, namespaces, merged, logFile, pidFile, uiCodecEndpoint);
    }

    public Settings withUiCodecEndpoint(String endpoint) {
      return new Settings(cli, database, port, uiPort, httpPort, metricsPort, namespaces, dynamicConfig, logFile, pidFile,
          endpoint);
    }

    /** The ports it is given (the UI's if it has one). */
    public List<Integer> ports() {
      return uiPort < 0 ? List.of(port, httpPort, metricsPort) : List.of(port, uiPort, httpPort, metricsPort);
    }

    public Settings headless() {
      return new Settings(cli, database, port, -1, httpPort, metricsPort, namespaces, dynamicConfig, logFile, pidFile, uiCodecEndpoint);
    }
  }

  /** It did not start: the message names the cause and quotes the end of its log. */
  public static final class StartException extends RuntimeException {
    private final int takenPort;

    StartException(String message) {
      this(message, -1);
    }

    StartException(String message, int takenPort) {
      super(message);
      this.takenPort = takenPort;
    }

    /** The port the log says was taken by another process ("bind: address already in use"), or -1. */
    public int takenPort() {
      return takenPort;
    }
  }

  private final Settings settings;
  private final Thread shutdownHook = new Thread(this::stopQuietly, "temporal-dev-server-stop");
  private volatile Process process;

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DevServer.class);

  private DevServer(Settings settings) {
    this.settings = settings;
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts it and returns once its frontend accepts connections. A port asked for that is taken, or
   * asked for as 0, is replaced by a free one ({@link LoopbackPorts#orFree}); the CLI binds the ports
   * a moment later, and another process can take one in between. Such a start is tried again on other
   * free ports, three tries at most.
   */
  public static DevServer start(Settings settings) {
    endLeftover(settings);
    for (int attempt = 1; ; attempt++) {
      Settings fixed = new Settings(settings.cli(), settings.database(), LoopbackPorts.orFree(settings.port()),
          settings.uiPort() < 0 ? -1 : LoopbackPorts.orFree(settings.uiPort()), LoopbackPorts.orFree(settings.httpPort()),
          LoopbackPorts.orFree(settings.metricsPort()), settings.namespaces(), settings.dynamicConfig(), settings.logFile(),
          settings.pidFile(), settings.uiCodecEndpoint());
      DevServer server = new DevServer(fixed);
      try {
        server.launch();
        return server;
      } catch (StartException e) {
        server.close();
        if (attempt >= 3 || !fixed.ports().contains(e.takenPort())) {
          throw e;
        }
        log.warn("port {} that was given to the Temporal dev server was taken by another process before it bound it;"
            + " starting it on other free ports (attempt {} of 3)", e.takenPort(), attempt + 1);
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }
  }

  /** Starts it again on the same database and ports, e.g. after {@link #kill()}. */
  public synchronized void restart() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the dev server is still running (pid " + process.pid() + ")");
    }
    launch();
  }

  /**
   * Runs the CLI and waits until it serves. The CLI picks its internal services' ports (history,
   * matching, its worker) itself, by binding port 0 and closing it; another process can take one before
   * the service binds it again ("bind: address already in use" on a port we did not give). That start
   * is tried again, twice at most; a taken port of ours fails at once, so that the caller picks another.
   */
  private synchronized void launch() {
    for (int attempt = 1; ; attempt++) {
      long logStart = launchOnce();
      try {
        awaitReady(logStart);
        break;
      } catch (StartException e) {
        if (attempt >= 3 || process.isAlive() || !internalPortTaken(logSince(logStart))) {
          throw e;
        }
        log.warn("the Temporal dev server lost one of its internal ports to another process at start; starting it again"
            + " (attempt {} of 3)", attempt + 1);
      }
    }
    if (settings.pidFile() != null) {
      try {
        Files.createDirectories(settings.pidFile().toAbsolutePath().getParent());
        Files.writeString(settings.pidFile(), process.pid() + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Whether the log says a port was taken, and none of the ports we gave it is the one. */
  private boolean internalPortTaken(String log) {
    int port = takenPort(log);
    return port > 0 && port != settings.port() && port != settings.httpPort() && port != settings.metricsPort()
        && port != settings.uiPort();
  }

  private static final java.util.regex.Pattern PORT_TAKEN =
      java.util.regex.Pattern.compile("listen tcp [^:\\s]+:(\\d+): bind: address already in use");

  /** The port a "bind: address already in use" line of the log names, or -1. */
  static int takenPort(String log) {
    java.util.regex.Matcher taken = PORT_TAKEN.matcher(log);
    return taken.find() ? Integer.parseInt(taken.group(1)) : -1;
  }

  /** Starts the CLI's process; returns where its output begins in the log. */
  private long launchOnce() {
    List<String> command = new ArrayList<>(List.of(settings.cli().toString(), "server", "start-dev",
        "--ip", "127.0.0.1", "--port", String.valueOf(settings.port()),
        "--http-port", String.valueOf(settings.httpPort()),
        "--metrics-port", String.valueOf(settings.metricsPort())));
    if (settings.uiPort() < 0) {
      command.add("--headless");
    } else {
      command.addAll(List.of("--ui-ip", "127.0.0.1", "--ui-port", String.valueOf(settings.uiPort())));
      if (settings.uiCodecEndpoint() != null) {
        command.addAll(List.of("--ui-codec-endpoint", settings.uiCodecEndpoint()));
      }
    }
    if (settings.database() != null) {
      command.addAll(List.of("--db-filename", settings.database().toAbsolutePath().toString()));
      // SQLite's write-ahead log: a commit is one append, fsynced at checkpoints rather than every time.
      // Durable when the server process dies (SIGKILL included); only an OS crash can lose the last
      // commits. The default (a rollback journal, synchronous=FULL) fsyncs every workflow task and made
      // calls miss Graph's answer deadline on a busy disk.
      command.addAll(List.of("--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=normal"));
    }
    settings.namespaces().forEach(ns -> command.addAll(List.of("--namespace", ns)));
    settings.dynamicConfig().forEach((k, v) -> command.addAll(List.of("--dynamic-config-value", k + "=" + v)));
    long logStart;
    try {
      Files.createDirectories(settings.logFile().toAbsolutePath().getParent());
      logStart = Files.exists(settings.logFile()) ? Files.size(settings.logFile()) : 0;
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.logFile().toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
    } catch (IOException e) {
      throw new StartException("cannot run " + settings.cli() + ": " + e.getMessage());
    }
    return logStart;
  }

  private void awaitReady(long logStart) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new StartException(failureMessage("exited with status " + process.exitValue(), logStart),
            takenPort(logSince(logStart)));
      }
      if (logSince(logStart).contains("Server:") && accepts(settings.port())) {
        return;
      }
      sleep(50);
    }
    process.destroyForcibly();
    throw new StartException(failureMessage("did not answer within " + READY_TIMEOUT.toSeconds() + " s", logStart));
  }

  private String failureMessage(String what, long logStart) {
    String log = logSince(logStart);
    String tail = String.join("\n", log.lines().skip(Math.max(0, log.lines().count() - 12)).toList());
    StringBuilder message = new StringBuilder("the Temporal dev server (" + settings.cli() + " server start-dev) "
        + what + ". The end of its log, " + settings.logFile() + ":\n" + tail);
    if (settings.database() != null && Files.exists(settings.database())) {
      message.append("\nIts database ").append(settings.database().toAbsolutePath())
          .append(" may be corrupt or from an incompatible Temporal version; start with --fresh to wipe the")
          .append(" state (every call it holds is lost), or move the file away.");
    }
    if (log.contains("address already in use")) {
      message.append("\nA port it was given is taken by another process.");
    }
    return message.toString();
  }

  private String logSince(long offset) {
    try {
      byte[] all = Files.readAllBytes(settings.logFile());
      return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** A dev server left running by a JVM that was killed: the pid file's process, if it is one of ours. */
  private static void endLeftover(Settings settings) {
    if (settings.pidFile() == null || !Files.exists(settings.pidFile())) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readString(settings.pidFile()).trim());
      Optional<ProcessHandle> handle = ProcessHandle.of(pid);
      String commandLine = handle.isPresent() ? commandLine(pid) : "";
      boolean ours = commandLine.contains("\0start-dev\0") && (settings.database() == null
          || commandLine.contains("\0" + settings.database().toAbsolutePath() + "\0"));
      if (handle.isPresent() && ours) {
        System.err.println("Stopping a Temporal dev server left running by an earlier run (pid " + pid + ")");
        handle.get().destroy();
        try {
          handle.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException stuck) {
          handle.get().destroyForcibly();
          handle.get().onExit().join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      Files.deleteIfExists(settings.pidFile());
    } catch (IOException | NumberFormatException e) {
      // not ours to judge: leave it
    }
  }

  private static String commandLine(long pid) {
    try {
      return Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  /** {@code 127.0.0.1:<port>}, for Temporal clients. */
  public String target() {
    return "127.0.0.1:" + settings.port();
  }

  /** The Web UI, unless headless. */
  public Optional<String> webUiUrl() {
    return settings.uiPort() < 0 ? Optional.empty() : Optional.of("http://127.0.0.1:" + settings.uiPort());
  }

  /** Its Prometheus endpoint. */
  public String metricsUrl() {
    return "http://127.0.0.1:" + settings.metricsPort() + "/metrics";
  }

  public Settings settings() {
    return settings;
  }

  /** The running process's PID. */
  public long pid() {
    Process p = process;
    if (p == null || !p.isAlive()) {
      throw new IllegalStateException("the dev server is not running");
    }
    return p.pid();
  }

  public boolean isRunning() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** CPU time the process has used (user + system), from {@code /proc}; empty where unknown. */
  public Optional<Duration> cpuTime() {
    return ProcessCpu.nanos(pid()).map(Duration::ofNanos);
  }

  /** Resident memory of the process, from {@code /proc/<pid>/status}; empty where unknown. */
  public Optional<Long> residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      // unknown
    }
    return Optional.empty();
  }

  /** SIGKILL, as a crash would: nothing is flushed or closed. Returns the exit status (137). */
  public synchronized int kill() {
    Process p = process;
    p.destroyForcibly();
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Asks it to stop (SIGTERM), then kills it if it has not stopped within 15 s. */
  public synchronized void stop() {
    Process p = process;
    if (p == null) {
      return;
    }
    if (p.isAlive()) {
      p.destroy();
      try {
        if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    if (settings.pidFile() != null) {
      try {
        Files.deleteIfExists(settings.pidFile());
      } catch (IOException e) {
        // a stale pid file is checked before it is trusted
      }
    }
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (RuntimeException e) {
      // the JVM is exiting
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException exiting) {
      // called from the hook itself
    }
  }

  static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
