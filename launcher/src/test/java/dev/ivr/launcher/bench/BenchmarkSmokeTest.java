package dev.ivr.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
  void signInBenchmark_signsInAndAuthenticatesEveryWay_andPrintsItsTable() throws Exception {
    var printed = new ByteArrayOutputStream();

    List<Percentiles> series = SignInBenchmark.run(5, 20, new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(series).extracting(Percentiles::count).containsExactly(5, 20, 20, 20);
    series.forEach(p -> assertThat(p.p50()).isPositive());
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("console sign-in", "Entra bearer token");
  }
}
