package dev.ivr.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The benchmark's tables. */
final class Report {
  private Report() {}

  static void print(PrintStream out, BenchmarkMain.Step step, boolean threads) {
    Figures o = step.ours();
    Figures f = step.floor();
    Figures t = step.temporalFloor();
    out.printf(Locale.ROOT, "%n== %s ==%s%n%-34s %12s %12s %10s%s%n", step.label(),
        Double.isNaN(step.loadAverage()) ? "" : String.format(Locale.ROOT, " (load average %.2f)", step.loadAverage()),
        "", "ours", f == null ? "" : "floor", f == null ? "" : "ours/floor",
        t == null ? "" : String.format(Locale.ROOT, " %14s %12s", "temporal floor", f == null ? "" : "tfloor/floor"));
    row(out, "calls/s", o, f, t, Figures::callsPerSecond, "%.1f");
    row(out, "turnaround p50 ms", o, f, t, x -> x.turnaroundMillis().p50(), "%.1f");
    row(out, "turnaround p90 ms", o, f, t, x -> x.turnaroundMillis().p90(), "%.1f");
    row(out, "turnaround p99 ms", o, f, t, x -> x.turnaroundMillis().p99(), "%.1f");
    row(out, "turnaround max ms (n)", o, f, t, x -> x.turnaroundMillis().max(), "%.1f");
    for (String kind : o.turnaroundByRequestMillis().keySet()) {
      Percentiles po = o.turnaroundByRequestMillis().get(kind);
      Percentiles pf = f == null ? null : f.turnaroundByRequestMillis().get(kind);
      out.printf(Locale.ROOT, "  before %-26s %12s %12s%n", kind, String.format(Locale.ROOT, "%.1f/%.1f", po.p50(), po.p99()),
          pf == null ? "" : String.format(Locale.ROOT, "%.1f/%.1f", pf.p50(), pf.p99()));
    }
    row(out, "rec available->stored p50 ms", o, f, t, x -> x.availableToStoredMillis().p50(), "%.1f");
    row(out, "rec available->stored p99 ms", o, f, t, x -> x.availableToStoredMillis().p99(), "%.1f");
    for (ThreadCpu.Part part : ThreadCpu.Part.values()) {
      if (part == ThreadCpu.Part.BENCH) continue;
      row(out, "CPU ms/call " + part.label, o, f, t, x -> 1000 * x.cpuPerCall(part), "%.2f");
    }
    row(out, "CPU ms/call bot (worker+api|floor)", o, f, t, Report::botCpuMillis, "%.2f");
    row(out, "heap KB/active call (parked)", o, null, null, x -> x.heapPerCallBytes() / 1024, "%.1f");
    if (o.streamingHeapBytes() >= 0) {
      row(out, "heap MB peak during downloads", o, null, null, x -> x.streamingHeapBytes() / 1048576.0, "%.1f");
    }
    row(out, "refused busy (admission)", o, f, t, x -> x.refused(), "%.0f");
    row(out, "failed", o, f, t, x -> x.failed(), "%.0f");
    row(out, "lost recordings", o, f, t, x -> x.lost(), "%.0f");
    if (!o.historyShape().isEmpty()) out.println("history of one call: " + o.historyShape());
    if (t != null) out.println("history of one temporal-floor call: " + t.historyShape());
    if (o.errors() != null) out.println("ours errors: " + o.errors());
    if (f != null && f.errors() != null) out.println("floor errors: " + f.errors());
    if (t != null && t.errors() != null) out.println("temporal floor errors: " + t.errors());
    if (threads) {
      out.println("top threads (ours), CPU ms:");
      o.cpuByThread().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(25)
          .forEach(e -> out.printf(Locale.ROOT, "  %8.1f  %-40s %s%n", e.getValue() / 1e6, e.getKey(),
              ThreadCpu.partOf(e.getKey()).label));
    }
  }

  /**
   * The bot's own CPU per call: worker + api for ours, the floor's threads for the floor, the SDK's
   * worker threads + its webhook's for the Temporal floor.
   */
  static double botCpuMillis(Figures x) {
    if ("floor".equals(x.system())) return 1000 * x.cpuPerCall(ThreadCpu.Part.FLOOR);
    if (TemporalFloorBot.SYSTEM.equals(x.system())) {
      return 1000 * (x.cpuPerCall(ThreadCpu.Part.WORKER) + x.cpuPerCall(ThreadCpu.Part.TEMPORAL_FLOOR));
    }
    return 1000 * (x.cpuPerCall(ThreadCpu.Part.WORKER) + x.cpuPerCall(ThreadCpu.Part.API));
  }

  /** One figure: ours, the floor's and the ratio, then the Temporal floor's and its ratio to the floor (t not null). */
  private static void row(PrintStream out, String name, Figures o, Figures f, Figures t, ToDoubleFunction<Figures> v,
      String fmt) {
    double ours = v.applyAsDouble(o);
    String floor = f == null ? "" : String.format(Locale.ROOT, fmt, v.applyAsDouble(f));
    String ratio = f == null || v.applyAsDouble(f) == 0 ? "" : String.format(Locale.ROOT, "%.1fx", ours / v.applyAsDouble(f));
    String third = "";
    if (t != null) {
      double tv = v.applyAsDouble(t);
      third = String.format(Locale.ROOT, " %14s %12s", String.format(Locale.ROOT, fmt, tv),
          f == null || v.applyAsDouble(f) == 0 ? "" : String.format(Locale.ROOT, "%.1fx", tv / v.applyAsDouble(f)));
    }
    out.printf(Locale.ROOT, "%-34s %12s %12s %10s%s%n", name, String.format(Locale.ROOT, fmt, ours), floor, ratio, third);
  }

  /**
   * One line per step for the Temporal floor ({@code --temporal-floor}), beside the floor and ours: what
   * any bot on this Temporal server pays, for BENCHMARKS.md. Nothing when it did not run.
   */
  static void temporalFloorSummary(PrintStream out, List<BenchmarkMain.Step> steps) {
    if (steps.stream().noneMatch(s -> s.temporalFloor() != null)) return;
    out.printf(Locale.ROOT, "%n| step | temporal floor turnaround p50/p90/p99 ms | floor p50/p99 ms | ours p50/p99 ms "
        + "| tfloor/floor p50 | ours/tfloor p50 | bot CPU ms/call tfloor vs floor vs ours | server CPU ms/call tfloor vs ours "
        + "| history events / workflow tasks tfloor vs ours | failed | lost |%n");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    for (BenchmarkMain.Step s : steps) {
      Figures t = s.temporalFloor();
      if (t == null) continue;
      Figures o = s.ours();
      Figures f = s.floor();
      out.printf(Locale.ROOT, "| %s | %.1f / %.1f / %.1f | %s | %.1f / %.1f | %s | %.1f | %.1f vs %s vs %.1f | %.1f vs %.1f "
              + "| %s / %s vs %s / %s | %d | %d |%n",
          s.label(), t.turnaroundMillis().p50(), t.turnaroundMillis().p90(), t.turnaroundMillis().p99(),
          f == null ? "-" : String.format(Locale.ROOT, "%.1f / %.1f", f.turnaroundMillis().p50(), f.turnaroundMillis().p99()),
          o.turnaroundMillis().p50(), o.turnaroundMillis().p99(),
          f == null ? "-" : String.format(Locale.ROOT, "%.1f", t.turnaroundMillis().p50() / f.turnaroundMillis().p50()),
          o.turnaroundMillis().p50() / t.turnaroundMillis().p50(),
          botCpuMillis(t), f == null ? "-" : String.format(Locale.ROOT, "%.2f", botCpuMillis(f)), botCpuMillis(o),
          1000 * t.cpuPerCall(ThreadCpu.Part.TEMPORAL_SERVER), 1000 * o.cpuPerCall(ThreadCpu.Part.TEMPORAL_SERVER),
          t.historyShape().getOrDefault("events", 0), t.historyShape().getOrDefault("workflow tasks", 0),
          o.historyShape().getOrDefault("events", 0), o.historyShape().getOrDefault("workflow tasks", 0),
          t.failed(), t.lost());
    }
  }

  /** One line per step, for BENCHMARKS.md. */
  static void summary(PrintStream out, List<BenchmarkMain.Step> steps) {
    out.printf(Locale.ROOT, "%n| step | calls/s | turnaround p50/p90/p99 ms | floor p50/p99 ms | p50 ratio | p99 ratio "
        + "| rec avail->stored p50/p99 ms | CPU ms/call worker/api/grpc/server | floor CPU ms/call | heap KB/call | refused busy | failed | lost |%n");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (BenchmarkMain.Step s : steps) {
      Figures o = s.ours();
      Figures f = s.floor();
      out.printf(Locale.ROOT, "| %s | %.1f | %.1f / %.1f / %.1f | %s | %s | %s | %.0f / %.0f | %.1f / %.1f / %.1f / %.1f | %s | %.1f | %d | %d | %d |%n",
          s.label(), o.callsPerSecond(), o.turnaroundMillis().p50(), o.turnaroundMillis().p90(), o.turnaroundMillis().p99(),
          f == null ? "-" : String.format(Locale.ROOT, "%.1f / %.1f", f.turnaroundMillis().p50(), f.turnaroundMillis().p99()),
          f == null ? "-" : String.format(Locale.ROOT, "%.1f", o.turnaroundMillis().p50() / f.turnaroundMillis().p50()),
          f == null ? "-" : String.format(Locale.ROOT, "%.1f", o.turnaroundMillis().p99() / f.turnaroundMillis().p99()),
          o.availableToStoredMillis().p50(), o.availableToStoredMillis().p99(),
          1000 * o.cpuPerCall(ThreadCpu.Part.WORKER), 1000 * o.cpuPerCall(ThreadCpu.Part.API),
          1000 * o.cpuPerCall(ThreadCpu.Part.GRPC), 1000 * o.cpuPerCall(ThreadCpu.Part.TEMPORAL_SERVER),
          f == null ? "-" : String.format(Locale.ROOT, "%.2f", botCpuMillis(f)),
          o.heapPerCallBytes() / 1024, o.refused(), o.failed() + (f == null ? 0 : f.failed()),
          o.lost() + (f == null ? 0 : f.lost()));
    }
  }

  /**
   * The arrival-rate mode's table, one row per rate, and the knee: the first rate whose turnaround
   * p99 passes {@code kneeMillis}.
   */
  static void rates(PrintStream out, List<BenchmarkMain.Step> steps, double kneeMillis) {
    boolean floor = steps.stream().anyMatch(s -> s.floor() != null);
    out.printf(Locale.ROOT, "%n| arrival calls/s | N | completed calls/s | turnaround p50 / p99 ms |%s CPU ms/call bot (worker+api)"
        + " | CPU ms/call worker+api+grpc+server | heap KB/call | refused busy | failed | lost recordings | load (1 min) |%n",
        floor ? " floor p50 / p99 ms | p50 ratio |" : "");
    out.println("|---|---|---|---|" + (floor ? "---|---|" : "") + "---|---|---|---|---|---|---|");
    for (BenchmarkMain.Step s : steps) {
      Figures o = s.ours();
      Figures f = s.floor();
      String floorColumns = !floor ? "" : f == null ? " - | - |" : String.format(Locale.ROOT, " %.1f / %.1f | %.1f |",
          f.turnaroundMillis().p50(), f.turnaroundMillis().p99(), o.turnaroundMillis().p50() / f.turnaroundMillis().p50());
      out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f / %.1f |%s %.1f | %.1f | %.1f | %d | %d | %d | %.2f |%n",
          number(s.arrivalRate()), o.calls(), o.callsPerSecond(), o.turnaroundMillis().p50(), o.turnaroundMillis().p99(),
          floorColumns, botCpuMillis(o), stackCpuMillis(o), o.heapPerCallBytes() / 1024, o.refused(),
          o.failed() + (f == null ? 0 : f.failed()), o.lost() + (f == null ? 0 : f.lost()), s.loadAverage());
    }
    out.println(knee(steps, kneeMillis));
    out.println("history of one call: " + steps.get(steps.size() - 1).ours().historyShape());
  }

  /** "knee: R calls/s (p99 X ms > K ms)", or that no rate passed K. */
  static String knee(List<BenchmarkMain.Step> steps, double kneeMillis) {
    for (BenchmarkMain.Step s : steps) {
      double p99 = s.ours().turnaroundMillis().p99();
      if (p99 > kneeMillis || s.ours().failed() > 0) {
        return String.format(Locale.ROOT, "knee: %s calls/s (turnaround p99 %.1f ms > %s ms%s)", number(s.arrivalRate()),
            p99, number(kneeMillis), s.ours().failed() > 0 ? ", " + s.ours().failed() + " failed" : "");
      }
    }
    return String.format(Locale.ROOT, "knee: none up to %s calls/s (every p99 <= %s ms)",
        number(steps.get(steps.size() - 1).arrivalRate()), number(kneeMillis));
  }

  /** Worker, api, gRPC threads and the Temporal server (in this JVM or its processes) per call. */
  static double stackCpuMillis(Figures x) {
    return 1000 * (x.cpuPerCall(ThreadCpu.Part.WORKER) + x.cpuPerCall(ThreadCpu.Part.API)
        + x.cpuPerCall(ThreadCpu.Part.GRPC) + x.cpuPerCall(ThreadCpu.Part.TEMPORAL_SERVER));
  }

  /** 10 for 10.0, 2.5 for 2.5. */
  static String number(double x) {
    return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
  }
}
