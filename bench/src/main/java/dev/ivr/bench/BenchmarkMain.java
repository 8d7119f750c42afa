package dev.ivr.bench;

import dev.ivr.embedded.EmbeddedSystem;
import dev.ivr.embedded.temporal.ProcessCpu;
import dev.ivr.embedded.temporal.TemporalChoice;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The performance benchmark (BENCHMARKS.md): N concurrent simulated calls through the bench flow
 * (menu, press 1, record, download, hang up) on the embedded defaults, for each N of the sweep;
 * optionally the same calls against the floor (a minimal responder on the same emulator) and the
 * streaming comparison (100 concurrent 3 s vs 120 s recordings).
 *
 * <p>{@code java -Xmx4g -jar bench/target/ivr-bench-exec.jar --calls 10,100,500,1000 --floor [--temporal-floor] --streaming
 * [--temporal=dev-server|test-server|external=HOST:PORT[/NAMESPACE] [--server-pids=PID,…]]}
 */
public final class BenchmarkMain {

  /**
   * What to run.
   *
   * @param calls the sweep's concurrent call counts
   * @param floor also run each step against the floor
   * @param streaming also run the streaming comparison
   * @param streamingCalls concurrent calls of the streaming comparison
   * @param recordSeconds record length of the sweep's calls
   * @param callsPerSecond how fast calls are raised (and keys pressed) in each step
   * @param timeScale the emulator's time scale for the sweep (1 = real time)
   * @param stepTimeout each step's limit (null: 2 min + 2.5 x the ramp); calls not ended by then count as failed
   * @param warmupCalls calls run (and not reported) before the sweep: class loading, JIT
   * @param threads print the top threads by CPU per step
   * @param temporal the Temporal server: the dev server (default), the test server, or an external one
   * @param serverPids the processes of an external server, whose CPU the report counts (a cluster's services)
   * @param rates the arrival-rate mode ({@code --rates}): instead of the sweep, one step of {@code rateCalls}
   *     calls at each of these arrival rates (calls/s), a table and the knee; empty: the sweep
   * @param rateCalls calls per step of the arrival-rate mode
   * @param devServerConfig dynamic configuration of the dev server ({@code --dev-config KEY=VALUE}), each value JSON
   * @param maxLiveCalls the api's live-call limit ({@code --max-live-calls}, {@code ivr.admission.max-live-calls});
   *     0: {@link #NO_LIVE_CALL_LIMIT}, so that the steps measure the stack rather than admission control
   */
  public record Settings(List<Integer> calls, boolean floor, boolean streaming, int streamingCalls, int recordSeconds,
      double callsPerSecond, double timeScale, Duration stepTimeout, int warmupCalls, boolean threads,
      TemporalChoice temporal, List<Long> serverPids, List<Double> rates, int rateCalls,
      java.util.Map<String, String> devServerConfig, int maxLiveCalls, boolean temporalFloor) {

    public Settings(List<Integer> calls, boolean floor, boolean streaming, int streamingCalls, int recordSeconds,
        double callsPerSecond, double timeScale, Duration stepTimeout, int warmupCalls, boolean threads,
        TemporalChoice temporal, List<Long> serverPids, List<Double> rates, int rateCalls,
        java.util.Map<String, String> devServerConfig, int maxLiveCalls) {
      this(calls, floor, streaming, streamingCalls, recordSeconds, callsPerSecond, timeScale, stepTimeout, warmupCalls,
          threads, temporal, serverPids, rates, rateCalls, devServerConfig, maxLiveCalls, false);
    }

    public Settings(List<Integer> calls, boolean floor, boolean streaming, int streamingCalls, int recordSeconds,
        double callsPerSecond, double timeScale, Duration stepTimeout, int warmupCalls, boolean threads,
        TemporalChoice temporal, List<Long> serverPids, List<Double> rates, int rateCalls,
        java.util.Map<String, String> devServerConfig) {
      this(calls, floor, streaming, streamingCalls, recordSeconds, callsPerSecond, timeScale, stepTimeout, warmupCalls,
          threads, temporal, serverPids, rates, rateCalls, devServerConfig, 0);
    }

    /** The sweep only, the dev server's default configuration. */
    public Settings(List<Integer> calls, boolean floor, boolean streaming, int streamingCalls, int recordSeconds,
        double callsPerSecond, double timeScale, Duration stepTimeout, int warmupCalls, boolean threads,
        TemporalChoice temporal, List<Long> serverPids) {
      this(calls, floor, streaming, streamingCalls, recordSeconds, callsPerSecond, timeScale, stepTimeout, warmupCalls,
          threads, temporal, serverPids, List.of(), DEFAULT_RATE_CALLS, java.util.Map.of());
    }

    public Settings {
      calls = List.copyOf(calls);
      rates = rates == null ? List.of() : List.copyOf(rates);
      devServerConfig = devServerConfig == null ? java.util.Map.of() : java.util.Map.copyOf(devServerConfig);
      if (!devServerConfig.isEmpty()) {
        if (temporal != null && !(temporal instanceof TemporalChoice.DevServer)) {
          throw new IllegalArgumentException("--dev-config needs the dev server (--temporal=dev-server)");
        }
        temporal = TemporalChoice.devServer().withDynamicConfig(devServerConfig);
      }
      temporal = temporal == null ? TemporalChoice.devServer() : temporal;
      serverPids = serverPids == null ? List.of() : List.copyOf(serverPids);
      if (rates.stream().anyMatch(r -> r <= 0) || rateCalls < 1) {
        throw new IllegalArgumentException("--rates needs positive calls/s, e.g. 10,20,40; --rate-calls a positive count");
      }
      if (calls.isEmpty() || calls.stream().anyMatch(n -> n < 1)) {
        throw new IllegalArgumentException("--calls needs positive counts, e.g. 10,100,500,1000");
      }
      if (recordSeconds < 1 || recordSeconds > 120) {
        throw new IllegalArgumentException("--record-seconds must be 1..120 (Graph records at most 120 s)");
      }
      if (callsPerSecond <= 0 || timeScale <= 0) {
        throw new IllegalArgumentException("--rate and --time-scale must be positive");
      }
      if (maxLiveCalls < 0) {
        throw new IllegalArgumentException("--max-live-calls must be at least 1, got " + maxLiveCalls);
      }
    }

    /** The limit the api is given: {@code maxLiveCalls}, or none that a step reaches. */
    int liveCallLimit() {
      return maxLiveCalls > 0 ? maxLiveCalls : NO_LIVE_CALL_LIMIT;
    }

    public static Settings defaults() {
      return new Settings(List.of(10, 100, 500, 1000), false, false, 100, 3, 10, 1.0, null, 20, false, null, null);
    }

    private Settings withRates(List<Double> rates, int rateCalls, java.util.Map<String, String> devServerConfig) {
      return new Settings(calls, floor, streaming, streamingCalls, recordSeconds, callsPerSecond, timeScale, stepTimeout,
          warmupCalls, threads, temporal, serverPids, rates, rateCalls, devServerConfig, maxLiveCalls, temporalFloor);
    }

    Settings withMaxLiveCalls(int limit) {
      return new Settings(calls, floor, streaming, streamingCalls, recordSeconds, callsPerSecond, timeScale, stepTimeout,
          warmupCalls, threads, temporal, serverPids, rates, rateCalls, devServerConfig, limit, temporalFloor);
    }

    static Settings parse(String[] args) {
      Settings s = defaults();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--floor" -> s = s.with(s.calls, true, s.streaming, s.recordSeconds, s.callsPerSecond, s.timeScale, s.threads);
          case "--temporal-floor" -> s = new Settings(s.calls, s.floor, s.streaming, s.streamingCalls, s.recordSeconds,
              s.callsPerSecond, s.timeScale, s.stepTimeout, s.warmupCalls, s.threads, s.temporal, s.serverPids, s.rates,
              s.rateCalls, s.devServerConfig, s.maxLiveCalls, true);
          case "--streaming" -> s = s.with(s.calls, s.floor, true, s.recordSeconds, s.callsPerSecond, s.timeScale, s.threads);
          case "--threads" -> s = s.with(s.calls, s.floor, s.streaming, s.recordSeconds, s.callsPerSecond, s.timeScale, true);
          case "--calls" -> s = s.with(Arrays.stream(value(args, ++i, a).split(",")).map(String::trim)
              .map(Integer::parseInt).toList(), s.floor, s.streaming, s.recordSeconds, s.callsPerSecond, s.timeScale, s.threads);
          case "--record-seconds" -> s = s.with(s.calls, s.floor, s.streaming, Integer.parseInt(value(args, ++i, a)),
              s.callsPerSecond, s.timeScale, s.threads);
          case "--rate" -> s = s.with(s.calls, s.floor, s.streaming, s.recordSeconds,
              Double.parseDouble(value(args, ++i, a)), s.timeScale, s.threads);
          case "--time-scale" -> s = s.with(s.calls, s.floor, s.streaming, s.recordSeconds, s.callsPerSecond,
              Double.parseDouble(value(args, ++i, a)), s.threads);
          case "--timeout-seconds" -> s = new Settings(s.calls, s.floor, s.streaming, s.streamingCalls, s.recordSeconds,
              s.callsPerSecond, s.timeScale, Duration.ofSeconds(Long.parseLong(value(args, ++i, a))), s.warmupCalls,
              s.threads, s.temporal, s.serverPids, s.rates, s.rateCalls, s.devServerConfig, s.maxLiveCalls, s.temporalFloor);
          case "--warmup" -> s = new Settings(s.calls, s.floor, s.streaming, s.streamingCalls, s.recordSeconds,
              s.callsPerSecond, s.timeScale, s.stepTimeout, Integer.parseInt(value(args, ++i, a)), s.threads,
              s.temporal, s.serverPids, s.rates, s.rateCalls, s.devServerConfig, s.maxLiveCalls, s.temporalFloor);
          case "--server-pids" -> s = new Settings(s.calls, s.floor, s.streaming, s.streamingCalls, s.recordSeconds,
              s.callsPerSecond, s.timeScale, s.stepTimeout, s.warmupCalls, s.threads, s.temporal,
              Arrays.stream(value(args, ++i, a).split(",")).map(String::trim).map(Long::parseLong).toList(), s.rates,
              s.rateCalls, s.devServerConfig, s.maxLiveCalls, s.temporalFloor);
          case "--rates" -> s = s.withRates(Arrays.stream(value(args, ++i, a).split(",")).map(String::trim)
              .map(Double::parseDouble).toList(), s.rateCalls, s.devServerConfig);
          case "--rate-calls" -> s = s.withRates(s.rates, Integer.parseInt(value(args, ++i, a)), s.devServerConfig);
          case "--max-live-calls" -> {
            int limit = Integer.parseInt(value(args, ++i, a));
            if (limit < 1) throw new IllegalArgumentException("--max-live-calls must be at least 1, got " + limit);
            s = s.withMaxLiveCalls(limit);
          }
          case "--dev-config" -> {
            String kv = value(args, ++i, a);
            int eq = kv.indexOf('=');
            if (eq < 1) throw new IllegalArgumentException("--dev-config takes KEY=VALUE, got " + kv);
            var config = new java.util.LinkedHashMap<>(s.devServerConfig);
            config.put(kv.substring(0, eq), kv.substring(eq + 1));
            s = s.withRates(s.rates, s.rateCalls, config);
          }
          default -> {
            if (a.startsWith("--temporal=")) {
              s = new Settings(s.calls, s.floor, s.streaming, s.streamingCalls, s.recordSeconds, s.callsPerSecond,
                  s.timeScale, s.stepTimeout, s.warmupCalls, s.threads, TemporalChoice.parse(a.substring(11)),
                  s.serverPids, s.rates, s.rateCalls, s.devServerConfig, s.maxLiveCalls, s.temporalFloor);
            } else {
              throw new IllegalArgumentException("unknown argument " + a + "; see BENCHMARKS.md");
            }
          }
        }
      }
      return s;
    }

    /** The same settings, raising calls (and pressing keys) at {@code rate} calls/s. */
    Settings atRate(double rate) {
      return with(calls, floor, streaming, recordSeconds, rate, timeScale, threads);
    }

    private Settings with(List<Integer> calls, boolean floor, boolean streaming, int recordSeconds, double rate,
        double timeScale, boolean threads) {
      return new Settings(calls, floor, streaming, streamingCalls, recordSeconds, rate, timeScale, stepTimeout,
          warmupCalls, threads, temporal, serverPids, rates, rateCalls, devServerConfig, maxLiveCalls, temporalFloor);
    }

    private static String value(String[] args, int i, String name) {
      if (i >= args.length) throw new IllegalArgumentException(name + " needs a value");
      return args[i];
    }
  }

  /**
   * One step's figures: ours, and the floor's when it ran.
   *
   * @param arrivalRate the calls/s at which calls were raised and keys pressed
   * @param loadAverage the machine's 1-minute load average when the step began ({@code uptime})
   */
  public record Step(String label, Figures ours, Figures floor, double arrivalRate, double loadAverage,
      Figures temporalFloor) {
    Step(String label, Figures ours, Figures floor, double arrivalRate, double loadAverage) {
      this(label, ours, floor, arrivalRate, loadAverage, null);
    }

    Step(String label, Figures ours, Figures floor) {
      this(label, ours, floor, Double.NaN, Double.NaN);
    }
  }

  /**
   * The api's live-call limit unless {@code --max-live-calls} is given: more than any step raises, so
   * that admission control (Graph's 100 per app by default) refuses none and the steps measure the stack.
   * A real deployment of 1,000 concurrent calls spreads them over several apps.
   */
  static final int NO_LIVE_CALL_LIMIT = 1_000_000;

  /** Calls per step of the arrival-rate mode, unless {@code --rate-calls} says otherwise. */
  static final int DEFAULT_RATE_CALLS = 200;
  /** The knee: the first arrival rate whose turnaround p99 passes this. */
  static final double KNEE_P99_MILLIS = 100;

  static final double STREAMING_TIME_SCALE = 10.0;
  /** The streaming runs' emulator renders 2 s of voice per call and repeats it (100 x 120 s would take ~100 s of CPU). */
  static final double STREAMING_VOICE_LOOP_SECONDS = 2.0;

  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("benchmark: " + e.getMessage());
      System.exit(2);
      return;
    }
    List<Step> steps = run(settings, System.out);
    boolean clean = steps.stream().allMatch(s -> s.ours().failed() == 0 && (s.floor() == null || s.floor().failed() == 0));
    // refused calls are deliberate answers (admission control), not failures
    System.exit(clean ? 0 : 1);
  }

  /** The dev server's dynamic configuration as it runs (its defaults, {@code --dev-config} on top); else nothing. */
  static String devServerConfigLabel(Settings settings) {
    return settings.temporal() instanceof TemporalChoice.DevServer dev ? " " + dev.effectiveDynamicConfig() : "";
  }

  /** Runs the sweep (and the streaming comparison) and prints a table per step. */
  public static List<Step> run(Settings settings, PrintStream out) throws InterruptedException {
    Path scratch = scratchDir();
    List<Step> steps = new ArrayList<>();
    out.printf(Locale.ROOT, "benchmark: %s on %s%s, record %d s, time scale %s, -Xmx %d MB, %d cores, load %s%n",
        (settings.rates().isEmpty()
            ? String.format(Locale.ROOT, "sweep %s raised at %.0f calls/s", settings.calls(), settings.callsPerSecond())
            : String.format(Locale.ROOT, "arrival rates %s calls/s, %d calls each", settings.rates(), settings.rateCalls()))
            + (settings.maxLiveCalls() > 0 ? ", live-call limit " + settings.maxLiveCalls() + " (busy past it)" : ""),
        settings.temporal().label(), devServerConfigLabel(settings),
        settings.recordSeconds(), settings.timeScale(), Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors(), LoadAverage.uptime());
    try {
      try (EmbeddedSystem system = start(settings, scratch.resolve("sweep"), settings.recordSeconds(),
          settings.timeScale(), 0);
           Floor floor = settings.floor() ? new Floor(system.emulator(), scratch.resolve("sweep/floor"),
               settings.recordSeconds(), 16) : null;
           TemporalFloor temporalFloor = settings.temporalFloor() ? new TemporalFloor(system.emulator(), system.client(),
               scratch.resolve("sweep/temporal-floor"), settings.recordSeconds(), 16) : null) {
        if (settings.warmupCalls() > 0) {
          step(system, floor, temporalFloor, settings, settings.warmupCalls(), settings.recordSeconds(), false);
        }
        if (settings.rates().isEmpty()) {
          for (int n : settings.calls()) {
            Step step = step(system, floor, temporalFloor, settings, n, settings.recordSeconds(), false);
            steps.add(step);
            Report.print(out, step, settings.threads());
          }
        } else {
          for (double rate : settings.rates()) {
            Step step = step(system, floor, temporalFloor, settings.atRate(rate), settings.rateCalls(),
                settings.recordSeconds(), false);
            steps.add(step);
            Report.print(out, step, settings.threads());
          }
          Report.rates(out, steps, KNEE_P99_MILLIS);
          Report.temporalFloorSummary(out, steps);
        }
      }
      if (settings.streaming()) {
        // 120 s recordings in 12 s of real time: the emulator's clock runs 10x (audio keeps its length;
        // faster would squeeze the 15 s answer deadline below the first answer's cold latency)
        for (int seconds : new int[] {3, 120}) {
          try (EmbeddedSystem system = start(settings, scratch.resolve("streaming-" + seconds), seconds,
              STREAMING_TIME_SCALE, STREAMING_VOICE_LOOP_SECONDS)) {
            step(system, null, null, settings, 5, seconds, false);
            Step step = step(system, null, null, settings, settings.streamingCalls(), seconds, true);
            steps.add(new Step("streaming " + seconds + " s", step.ours(), null));
            Report.print(out, steps.get(steps.size() - 1), settings.threads());
          }
        }
      }
      Report.summary(out, steps);
      if (settings.rates().isEmpty()) Report.temporalFloorSummary(out, steps);
      return steps;
    } finally {
      deleteTree(scratch);
    }
  }

  private static Step step(EmbeddedSystem system, Floor floor, TemporalFloor temporalFloor, Settings settings, int calls,
      int recordSeconds, boolean sampleHeap) throws InterruptedException {
    Duration timeout = settings.stepTimeout() != null ? settings.stepTimeout()
        : Duration.ofSeconds(120 + (long) (2.5 * calls / settings.callsPerSecond()));
    LoadStep.Plan plan = new LoadStep.Plan(calls, settings.callsPerSecond(), recordSeconds, timeout, sampleHeap);
    java.util.function.LongSupplier serverCpu = () -> system.temporal().processCpuNanos()
        .orElse(ProcessCpu.nanos(settings.serverPids()));
    double load = LoadAverage.oneMinute();
    Figures ours = new LoadStep(system.emulator(), plan, serverCpu).run("ours", new OurBot(system));
    Figures floored = floor == null ? null : new LoadStep(system.emulator(), plan).run("floor", new FloorBot(floor));
    Figures temporalFloored = temporalFloor == null ? null
        : new LoadStep(system.emulator(), plan, serverCpu).run(TemporalFloorBot.SYSTEM, new TemporalFloorBot(temporalFloor));
    String label = settings.rates().isEmpty() ? "N=" + calls
        : String.format(Locale.ROOT, "%s calls/s, N=%d", Report.number(settings.callsPerSecond()), calls);
    return new Step(label, ours, floored, settings.callsPerSecond(), load, temporalFloored);
  }

  private static EmbeddedSystem start(Settings settings, Path dir, int recordSeconds, double timeScale,
      double voiceLoopSeconds) {
    List<String> apiArguments = new ArrayList<>(BenchFlows.write(dir.resolve("flows"), recordSeconds));
    apiArguments.add("--ivr.admission.max-live-calls=" + settings.liveCallLimit());
    return EmbeddedSystem.start(EmbeddedSystem.Options.defaults()
        .withTemporal(settings.temporal())
        .withRecordingsDir(dir.resolve("recordings"))
        .withEmulatorTimeScale(timeScale)
        .withApiArguments(apiArguments)
        .withEmulatorConfig(config -> config.withVoiceLoopSeconds(voiceLoopSeconds)));
  }

  private static Path scratchDir() {
    try {
      return Files.createTempDirectory("ivr-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
