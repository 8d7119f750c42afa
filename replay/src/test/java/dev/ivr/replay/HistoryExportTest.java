package dev.ivr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.launcher.EmbeddedSystem;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.CallWorkflowImpl;
import io.temporal.client.WorkflowNotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The export command against the running embedded system: by Graph call id, anonymised, replayable. */
class HistoryExportTest {
  private static final String CALLER = "+14255550177";

  @Test
  @Timeout(90)
  void exportByCallId_fromTheEmbeddedSystem_isAnonymisedAndReplays(@TempDir Path dir) throws Exception {
    try (EmbeddedSystem system = EmbeddedSystem.start(EmbeddedSystem.Options.defaults()
        .withRecordingsDir(dir.resolve("recordings")).withEmulatorTimeScale(10))) {
      String callId = system.emulator().raiseIncomingCall(IncomingCallSpec.to(system.endpoints().callbackUri())
          .withCallerPhone(CALLER)
          .withScript(CallerScript.of(new CallerScript.WaitFor("beep"), new CallerScript.Speak(1.0),
              new CallerScript.Press("#"))));
      CallResult result = awaitResult(system, callId);
      assertThat(result.outcome()).isNotNull();

      Path file = dir.resolve("incident/call.json");
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = ReplayMain.run(new String[] {"export", "--target=" + system.endpoints().temporalTarget(),
          "--call-id=" + callId.toUpperCase(), "--out=" + file}, new PrintStream(new ByteArrayOutputStream()),
          new PrintStream(err));

      assertThat(status).as(err.toString()).isZero();
      String json = Files.readString(file);
      assertThat(json).startsWith("{").contains("\"events\"").contains("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED");
      assertThat(String.join("\n", HistoryAnonymiser.decodedPayloads(json)))
          .contains("+1555").doesNotContain(CALLER).doesNotContain(CALLER.substring(1));
      CorpusReplay.Report report = CorpusReplay.replay(HistoryCorpus.fromDirectory(dir.resolve("incident")),
          CallWorkflowImpl.class);
      assertThat(report.failures()).as(report.describe()).isEmpty();
    }
  }

  private static CallResult awaitResult(EmbeddedSystem system, String callId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        return system.client().newUntypedWorkflowStub(CallIds.workflowId(callId))
            .getResult(60, TimeUnit.SECONDS, CallResult.class);
      } catch (WorkflowNotFoundException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(50);
      }
    }
  }
}
