package dev.ivr.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.embedded.EmbeddedSystem;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.JournalEntry;
import dev.ivr.flowtest.HoldFlow;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.StepTaken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graph ends a call that has had no keepAlive for 45 minutes (the emulator does too, in emulated
 * time). A caller on hold for two hours, on the dev server, the emulator and the workflow both 300
 * times faster: the call sends a keepAlive every 15 emulated minutes and survives until its flow
 * hangs up.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class KeepAliveEndToEndTest {
  static final double TIME_SCALE = 300;

  @TempDir Path work;

  @Test
  void aTwoHourCall_isKeptAliveEvery15Minutes_andEndsByItsFlow_notByGraphsKeepAliveTimeout() throws Exception {
    try (EmbeddedSystem system = EmbeddedSystem.start(EmbeddedSystem.Options.defaults()
        .withRecordingsDir(work.resolve("recordings"))
        .withEmulatorTimeScale(TIME_SCALE)
        // Graph's 15 s to answer would be 50 ms here: the webhook and the worker get 10 s of real time
        .withEmulatorConfig(c -> c.withAnswerDeadlineSeconds(10 * TIME_SCALE))
        // two menus that each wait out twelve 5-minute timeouts: about two hours of silence
        .withApiArguments(HoldFlow.apiArguments(work, Path.of(""), 2, 12, TIME_SCALE)))) {
      GraphEmulator emulator = system.emulator();
      double raisedAt = emulator.emulatedNow();
      String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(system.endpoints().callbackUri())
          .withScript(CallerScript.silent()));

      CallResult result = DemoCall.awaitResult(system.client(), callId, Duration.ofSeconds(180));

      double emulatedMinutes = (emulator.emulatedNow() - raisedAt) / 60;
      assertThat(emulatedMinutes).as("the call lasted two hours of emulated time: %s", result).isGreaterThan(120);
      assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
      assertThat(result.path()).extracting(StepTaken::nodeId).endsWith("goodbye", "end");
      assertThat(emulator.awaitCallEnded(callId, Duration.ofSeconds(10))).isTrue();
      assertThat(emulator.call(callId).endSubcode()).as("hung up by the flow (5001), not 408/8537").isEqualTo(5001);
      List<JournalEntry> keepAlives = emulator.journal(callId).stream()
          .filter(e -> e.isRequest() && e.path().endsWith("/keepAlive")).toList();
      assertThat(keepAlives).as("two hours need at least eight").hasSizeGreaterThanOrEqualTo(8)
          .allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
      // the emulator's clock runs TIME_SCALE times real time: the longest wait between keepAlives, in emulated minutes
      double longestGap = 0;
      for (int i = 1; i < keepAlives.size(); i++) {
        longestGap = Math.max(longestGap,
            (keepAlives.get(i).startNanos() - keepAlives.get(i - 1).startNanos()) / 1e9 * TIME_SCALE / 60);
      }
      assertThat(longestGap).as("never 45 minutes without one").isLessThan(45);
      System.out.printf("keepAlive e2e: %.0f emulated minutes, %d keepAlives, longest gap %.1f emulated minutes, ended %d/%d%n",
          emulatedMinutes, keepAlives.size(), longestGap, emulator.call(callId).endCode(), emulator.call(callId).endSubcode());
    }
  }
}
