package dev.ivr.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivr.embedded.EmbeddedSystem;
import dev.ivr.worker.CallSearchAttributeRegistration;
import dev.ivr.worker.CallWorker;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.StepTaken;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.visibility.CallSearchAttributes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One call over real sockets on a real Temporal server (the CLI's dev server): the emulator POSTs
 * to the api's webhook, the api signals Temporal, the worker drives the emulator through the Graph
 * SDK, and the recording lands in storage byte for byte as the emulator generated it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EndToEndCallTest {
  @TempDir static Path recordings;
  private static EmbeddedSystem system;

  @BeforeAll
  static void start() {
    system = EmbeddedSystem.start(EmbeddedSystem.Options.defaults()
        .withRecordingsDir(recordings)
        .withEmulatorTimeScale(4.0));
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void incomingCall_isAnsweredRecordedStoredAndHungUp() throws Exception {
    DemoCall.Placed placed = DemoCall.place(system.emulator(), system.client(), system.endpoints().callbackUri(),
        Duration.ofSeconds(90));
    CallResult result = placed.result();

    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(result.path()).extracting(StepTaken::nodeId)
        .containsExactly("answer", "greeting", "record", "goodbye", "end");
    RecordingStored recording = result.recordings().get(0);
    byte[] generated = system.emulator().recordingBytes(placed.callId(), recording.operationId());
    Path stored = Path.of(recording.location());
    assertThat(stored).startsWith(recordings);
    assertThat(Files.readAllBytes(stored)).isEqualTo(generated);
    assertThat(recording.sizeBytes()).isEqualTo(generated.length);
    assertWav16kMono16Bit(generated);
    // silence 1 s, speech 3 s, then the 3 s max-silence timeout of the flow ends the recording
    assertThat(recording.durationMillis()).isBetween(6_000L, 8_000L);
    assertThat(system.emulator().awaitCallEnded(placed.callId(), Duration.ofSeconds(10))).isTrue();
    assertThat(system.emulator().call(placed.callId()).ended()).isTrue();
  }

  @Test
  void incomingCall_isVisibleToOperators_bySearchAttributes_withNoCallIndexOnARealServer() throws Exception {
    DemoCall.Placed placed = DemoCall.place(system.emulator(), system.client(), system.endpoints().callbackUri(),
        Duration.ofSeconds(90));
    assertThat(placed.result().outcome()).isEqualTo(CallOutcome.COMPLETED);

    var description = system.client().newUntypedWorkflowStub(CallIds.workflowId(placed.callId())).describe();
    var attributes = description.getTypedSearchAttributes();
    // the last backstop: Temporal ends a call's run after a day whatever its workflow does
    assertThat(description.getRawDescription().getExecutionConfig().getWorkflowRunTimeout().getSeconds())
        .isEqualTo(dev.ivr.workflows.call.CallTimeouts.RUN_TIMEOUT.toSeconds());
    // Graph names the call only in resourceUrl, upper case without dashes: the api keeps its GUID form
    assertThat(attributes.get(CallSearchAttributes.CALL_ID)).isEqualTo(placed.callId());
    assertThat(attributes.get(CallSearchAttributes.TENANT)).as("the notification token's tenant")
        .isEqualTo(system.emulator().config().tenantId());
    assertThat(attributes.get(CallSearchAttributes.FLOW_ID)).isEqualTo("voicemail");
    assertThat(attributes.get(CallSearchAttributes.DIRECTION)).isEqualTo("incoming");
    assertThat(attributes.get(CallSearchAttributes.CALL_STATE)).isEqualTo("terminated");
    assertThat(attributes.get(CallSearchAttributes.CURRENT_NODE)).isEqualTo("end");

    assertThat(attributes.get(CallSearchAttributes.CALL_OUTCOME)).isEqualTo("COMPLETED");

    // the dev server has visibility: operators list calls by search attributes, so no worker starts the
    // index, and the call signals none (a signal to a missing index would be a failed event in its history)
    assertThat(CallWorker.hasVisibility(system.client())).isTrue();
    assertThatThrownBy(() -> system.client().newUntypedWorkflowStub(CallIds.CALL_INDEX_WORKFLOW_ID).describe())
        .isInstanceOf(io.temporal.client.WorkflowNotFoundException.class);
    assertThat(system.client().fetchHistory(CallIds.workflowId(placed.callId())).getEvents())
        .extracting(e -> e.getEventType().name())
        .noneMatch(type -> type.contains("SIGNAL_EXTERNAL"));
    // registration is idempotent on a real server: every attribute exists already
    CallSearchAttributeRegistration.register(system.client().getWorkflowServiceStubs(), "default");
  }

  @Test
  void outboundCall_placedThroughTheApi_runsItsFlowAndIsRoutedByItsWorkflowId() throws Exception {
    String teamsUser = "4f5c0a11-0000-4000-8000-00000000beef";
    HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(system.endpoints().apiBaseUrl() + "/api/calls"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
            system.operatorCredentials().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"target\":{\"user\":\"" + teamsUser + "\"},\"flow\":\"voicemail\",\"variables\":{}}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String workflowId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(started.body())
        .get("workflowId").asText();

    CallResult result = system.client().newUntypedWorkflowStub(workflowId)
        .getResult(90, TimeUnit.SECONDS, CallResult.class);

    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(result.path()).extracting(StepTaken::nodeId).contains("record", "end");
    assertThat(result.recordings()).hasSize(1);
    assertThat(system.emulator().journal()).anySatisfy(entry -> {
      assertThat(entry.method()).isEqualTo("POST");
      assertThat(entry.path()).isEqualTo("/v1.0/communications/calls");
    });
  }

  private static void assertWav16kMono16Bit(byte[] wav) {
    ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new String(wav, 0, 4)).isEqualTo("RIFF");
    assertThat(new String(wav, 8, 4)).isEqualTo("WAVE");
    assertThat(header.getShort(20)).as("PCM").isEqualTo((short) 1);
    assertThat(header.getShort(22)).as("channels").isEqualTo((short) 1);
    assertThat(header.getInt(24)).as("sample rate").isEqualTo(16_000);
    assertThat(header.getShort(34)).as("bits").isEqualTo((short) 16);
  }
}
