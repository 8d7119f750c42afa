package dev.ivr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.codec.PayloadKeys;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.embedded.EmbeddedSystem;
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

/**
 * The export command against the running embedded system, whose payloads are encrypted: by Graph call
 * id, anonymised inside the encryption (decrypted, anonymised, encrypted again), replayable with the key.
 */
class HistoryExportTest {
  private static final String CALLER = "+14255550177";

  @Test
  @Timeout(90)
  void exportByCallId_fromTheEmbeddedSystem_isAnonymisedAndReplays(@TempDir Path dir) throws Exception {
    Path keysFile = dir.resolve("payload-keys");
    Files.writeString(keysFile, PayloadKeys.generateEntry("export-test") + "\n");
    PayloadKeys keys = PayloadKeys.of(null, keysFile.toString());
    try (EmbeddedSystem system = EmbeddedSystem.start(EmbeddedSystem.Options.defaults()
        .withRecordingsDir(dir.resolve("recordings")).withEmulatorTimeScale(10).withPayloadKeys(keys))) {
      String callId = system.emulator().raiseIncomingCall(IncomingCallSpec.to(system.endpoints().callbackUri())
          .withCallerPhone(CALLER)
          .withScript(CallerScript.of(new CallerScript.WaitFor("beep"), new CallerScript.Speak(1.0),
              new CallerScript.Press("#"))));
      CallResult result = awaitResult(system, callId);
      assertThat(result.outcome()).isNotNull();

      // without the key, anonymising is impossible: a clear refusal naming the key, no file
      ByteArrayOutputStream refused = new ByteArrayOutputStream();
      Path nowhere = dir.resolve("refused/call.json");
      assertThat(ReplayMain.run(new String[] {"export", "--target=" + system.endpoints().temporalTarget(),
          "--call-id=" + callId, "--out=" + nowhere}, new PrintStream(new ByteArrayOutputStream()),
          new PrintStream(refused))).isEqualTo(1);
      assertThat(refused.toString()).contains("key id 'export-test'");
      assertThat(nowhere).doesNotExist();

      Path file = dir.resolve("incident/call.json");
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = ReplayMain.run(new String[] {"export", "--target=" + system.endpoints().temporalTarget(),
          "--call-id=" + callId.toUpperCase(), "--out=" + file, "--payload-keys-file=" + keysFile},
          new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));

      assertThat(status).as(err.toString()).isZero();
      String json = Files.readString(file);
      assertThat(json).startsWith("{").contains("\"events\"").contains("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED");
      // still encrypted: the only plain payloads left are search attributes
      assertThat(String.join("\n", HistoryAnonymiser.decodedPayloads(json))).doesNotContain("callId")
          .doesNotContain(CALLER.substring(1)).doesNotContain("+1555");
      assertThat(json).doesNotContain(CALLER.substring(1));
      // anonymised inside
      assertThat(String.join("\n", HistoryAnonymiser.decodedPayloads(ReplayKeys.decrypted(json, keys))))
          .contains("callId").contains("+1555").doesNotContain(CALLER).doesNotContain(CALLER.substring(1));
      CorpusReplay.Report report = CorpusReplay.replay(HistoryCorpus.fromDirectory(dir.resolve("incident"), keys),
          keys, CallWorkflowImpl.class);
      assertThat(report.failures()).as(report.describe()).isEmpty();
      // and without the key it does not replay, naming the key
      CorpusReplay.Report withoutKey = CorpusReplay.replay(HistoryCorpus.fromDirectory(dir.resolve("incident"),
          keys), PayloadKeys.NONE, CallWorkflowImpl.class);
      assertThat(withoutKey.describe()).contains("export-test");
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
