package dev.ivr.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The benchmark cannot rot: five calls through the bench flow on the embedded system and on the
 * floor, every call completed with its recording stored byte for byte, every figure present. No
 * latency thresholds: performance is measured by the benchmark, not asserted here.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BenchmarkSmokeTest {

  @Test
  void fiveCalls_oursAndFloor_completeWithIntactRecordingsAndEveryFigure() throws Exception {
    var settings = new BenchmarkMain.Settings(List.of(5), true, false, 0, 3, 50, 1.0, Duration.ofSeconds(90), 2, false,
        null, null);
    var printed = new ByteArrayOutputStream();

    List<BenchmarkMain.Step> steps = BenchmarkMain.run(settings, new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(steps).hasSize(1);
    for (Figures f : List.of(steps.get(0).ours(), steps.get(0).floor())) {
      assertThat(f.calls()).as(f.system()).isEqualTo(5);
      assertThat(f.failed()).as(f.system() + " failed: " + f.errors()).isZero();
      assertThat(f.lost()).as(f.system() + " lost").isZero();
      assertThat(f.callsPerSecond()).as(f.system()).isPositive();
      // answer, subscribeToTone/playPrompt, recordResponse, download, hang-up: at least 4 per call
      assertThat(f.turnaroundMillis().count()).as(f.system()).isGreaterThanOrEqualTo(4 * 5);
      assertThat(f.turnaroundMillis().p50()).as(f.system()).isPositive();
      assertThat(f.turnaroundMillis().p99()).as(f.system()).isGreaterThanOrEqualTo(f.turnaroundMillis().p90());
      assertThat(f.availableToStoredMillis().count()).as(f.system()).isEqualTo(5);
      assertThat(f.availableToStoredMillis().p50()).as(f.system()).isPositive();
      assertThat(Report.botCpuMillis(f)).as(f.system()).isPositive();
      assertThat(f.cpuPerCall(ThreadCpu.Part.EMULATOR)).as(f.system()).isPositive();
    }
    Figures ours = steps.get(0).ours();
    assertThat(ours.cpuPerCall(ThreadCpu.Part.WORKER)).isPositive();
    assertThat(ours.cpuPerCall(ThreadCpu.Part.API)).isPositive();
    assertThat(ours.heapPerCallBytes()).isPositive();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("== N=5 ==", "turnaround p99 ms", "| N=5 |");
  }

  @Test
  void arrivalRates_runOneStepPerRate_andPrintTheirTableAndTheKnee() throws Exception {
    var settings = BenchmarkMain.Settings.parse(new String[] {"--rates", "20,40", "--rate-calls", "3", "--warmup", "1",
        "--timeout-seconds", "90", "--temporal=test-server"});
    var printed = new ByteArrayOutputStream();

    List<BenchmarkMain.Step> steps = BenchmarkMain.run(settings, new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(steps).extracting(BenchmarkMain.Step::arrivalRate).containsExactly(20.0, 40.0);
    for (BenchmarkMain.Step step : steps) {
      Figures f = step.ours();
      assertThat(f.calls()).isEqualTo(3);
      assertThat(f.failed()).as(step.label() + " failed: " + f.errors()).isZero();
      assertThat(f.lost()).isZero();
      assertThat(f.turnaroundMillis().p99()).isPositive();
      assertThat(Report.botCpuMillis(f)).isPositive();
      assertThat(f.historyShape().get("events")).isPositive();
      assertThat(f.historyShape().get("workflow tasks")).isPositive();
    }
    String table = printed.toString(StandardCharsets.UTF_8);
    assertThat(table).contains("arrival rates [20.0, 40.0] calls/s, 3 calls each", "== 20 calls/s, N=3 ==",
        "| arrival calls/s | N |", "| 20 | 3 |", "| 40 | 3 |", "knee: ",
        "history of one call: {events=");
  }

  /**
   * Issue 18's admission check in the benchmark: twice the live-call limit raised at once. Every call
   * gets a deliberate answer (served, or Graph's reject with reason busy) within the step; none fails
   * and none is left running.
   */
  @Test
  void twiceTheLiveCallLimit_halfServed_halfRefusedBusy_noneFailedOrStuck() throws Exception {
    var settings = BenchmarkMain.Settings.parse(new String[] {"--calls", "6", "--max-live-calls", "3", "--warmup", "0",
        "--rate", "50", "--timeout-seconds", "90"});
    var printed = new ByteArrayOutputStream();

    List<BenchmarkMain.Step> steps = BenchmarkMain.run(settings, new PrintStream(printed, true, StandardCharsets.UTF_8));

    Figures f = steps.get(0).ours();
    assertThat(f.failed()).as("failed: " + f.errors()).isZero();
    assertThat(f.refused()).isEqualTo(3);
    assertThat(f.lost()).isZero();
    assertThat(f.availableToStoredMillis().count()).as("served calls' recordings").isEqualTo(3);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("live-call limit 3 (busy past it)",
        "refused busy (admission)");
    assertThatThrownBy(() -> BenchmarkMain.Settings.parse(new String[] {"--max-live-calls", "0"}))
        .hasMessageContaining("--max-live-calls");
  }

  /**
   * The Temporal floor (--temporal-floor) runs beside ours and the floor on the same dev server: its
   * calls complete with intact recordings, and its history is the bare one (signals, local Graph
   * requests, one download activity, no upserts, no timers).
   */
  @Test
  void temporalFloor_threeCalls_completeWithIntactRecordings_andABareHistory() throws Exception {
    var settings = BenchmarkMain.Settings.parse(new String[] {"--calls", "3", "--floor", "--temporal-floor",
        "--warmup", "1", "--rate", "50", "--timeout-seconds", "90"});
    var printed = new ByteArrayOutputStream();

    List<BenchmarkMain.Step> steps = BenchmarkMain.run(settings, new PrintStream(printed, true, StandardCharsets.UTF_8));

    Figures t = steps.get(0).temporalFloor();
    assertThat(t.system()).isEqualTo("temporal floor");
    assertThat(t.failed()).as("failed: " + t.errors()).isZero();
    assertThat(t.lost()).isZero();
    assertThat(t.availableToStoredMillis().count()).isEqualTo(3);
    assertThat(t.turnaroundMillis().count()).isGreaterThanOrEqualTo(4 * 3);
    assertThat(Report.botCpuMillis(t)).isPositive();
    assertThat(t.cpuPerCall(ThreadCpu.Part.TEMPORAL_FLOOR)).isPositive();
    assertThat(t.cpuPerCall(ThreadCpu.Part.TEMPORAL_SERVER)).as("the dev server's CPU").isPositive();
    assertThat(t.historyShape()).containsEntry("upserts", 0).containsEntry("timers started", 0)
        .containsEntry("activities", 1);
    assertThat(t.historyShape().get("signals")).isGreaterThanOrEqualTo(5);
    assertThat(t.historyShape().get("markers")).as("local Graph requests").isGreaterThanOrEqualTo(5);
    assertThat(steps.get(0).ours().failed()).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("temporal floor", "tfloor/floor",
        "| step | temporal floor turnaround p50/p90/p99 ms |", "| N=3 |");
  }

  @Test
  void rateOptions_parse_andBadValuesAreRefusedWithTheirName() {
    var s = BenchmarkMain.Settings.parse(new String[] {"--rates", "10, 20,40", "--rate-calls", "300", "--dev-config",
        "system.enableActivityEagerExecution=false"});

    assertThat(s.rates()).containsExactly(10.0, 20.0, 40.0);
    assertThat(s.rateCalls()).isEqualTo(300);
    assertThat(s.temporal()).isInstanceOfSatisfying(dev.ivr.embedded.temporal.TemporalChoice.DevServer.class,
        d -> assertThat(d.dynamicConfig()).containsEntry("system.enableActivityEagerExecution", "false"));
    assertThat(BenchmarkMain.devServerConfigLabel(s)).isEqualTo(" {system.enableActivityEagerExecution=false}");
    assertThat(BenchmarkMain.devServerConfigLabel(BenchmarkMain.Settings.parse(new String[] {"--calls", "10"})))
        .as("the defaults, printed in the header").isEqualTo(" {system.enableActivityEagerExecution=true}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchmarkMain.Settings.parse(new String[] {"--rates", "10,0"}))
        .hasMessageContaining("--rates");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchmarkMain.Settings.parse(
        new String[] {"--dev-config", "a=1", "--temporal=test-server"})).hasMessageContaining("--dev-config");
  }

  @Test
  void knee_isTheFirstRateWhoseP99PassesTheLimit_orNone() {
    var fast = figures(20);
    var slow = figures(250);
    var steps = List.of(new BenchmarkMain.Step("a", fast, null, 10, 0.5), new BenchmarkMain.Step("b", slow, null, 40, 0.5),
        new BenchmarkMain.Step("c", fast, null, 80, 0.5));

    assertThat(Report.knee(steps, 100)).startsWith("knee: 40 calls/s (turnaround p99 250.0 ms");
    assertThat(Report.knee(steps.subList(0, 1), 100)).isEqualTo("knee: none up to 10 calls/s (every p99 <= 100 ms)");
  }

  private static Figures figures(double p99) {
    return new Figures("ours", 10, 0, 0, 0, 1, Percentiles.of(List.of(1.0, p99)), java.util.Map.of(),
        Percentiles.of(List.of(1.0)), java.util.Map.of(), java.util.Map.of(), 0, -1, null, java.util.Map.of());
  }

  @Test
  void signInBenchmark_signsInAndAuthenticatesEveryWay_andPrintsItsTable() throws Exception {
    var printed = new ByteArrayOutputStream();

    List<Percentiles> series = SignInBenchmark.run(5, 20, new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(series).extracting(Percentiles::count).containsExactly(5, 20, 20, 20);
    series.forEach(p -> assertThat(p.p50()).isPositive());
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("console sign-in", "Entra bearer token");
  }

  @Test
  void tokenCheckBenchmark_checksGenuineTokensThreeWays_andPrintsItsTable() throws Exception {
    var printed = new ByteArrayOutputStream();

    List<TokenCheckBenchmark.Row> rows = TokenCheckBenchmark.run(30, new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(rows).extracting(TokenCheckBenchmark.Row::series)
        .containsExactly("cache off: every token verified", "cache on, a new token each time (a miss)",
            "cache on, the same token again (a hit)");
    rows.forEach(r -> assertThat(r.wallMicros().count()).isEqualTo(30));
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("CPU µs", "(a hit)");
  }

  @Test
  void deliveryBenchmark_deliversEveryNotificationBothWays_onTheDevServer_andPrintsItsTable() throws Exception {
    var printed = new ByteArrayOutputStream();

    List<DeliveryBenchmark.Row> rows = DeliveryBenchmark.run(2, 2, 3, new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(rows).extracting(DeliveryBenchmark.Row::way)
        .containsExactly(DeliveryBenchmark.Way.SIGNAL, DeliveryBenchmark.Way.UPDATE);
    for (DeliveryBenchmark.Row row : rows) {
      assertThat(row.calls()).isEqualTo(4);
      assertThat(row.firstMillis().count()).isEqualTo(4);
      assertThat(row.followingMillis().count()).isEqualTo(8);
      assertThat(row.historyEvents()).as("a workflow that ended after its 3 notifications").isPositive();
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("server CPU ms/call", "signal", "update");
  }
}
