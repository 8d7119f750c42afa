package dev.ivr.activities.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.activities.graph.GraphCallActivitiesImpl;
import dev.ivr.activities.graph.GraphClients;
import dev.ivr.activities.graph.GraphSettings;
import dev.ivr.activities.recording.RecordingActivitiesImpl;
import dev.ivr.emulator.CallView;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphEmulatorExtension;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.JournalEntry;
import dev.ivr.emulator.media.Wav;
import dev.ivr.recordings.FileSystemRecordingStore;
import dev.ivr.recordings.RecordingStore;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.RecordSettings;
import dev.ivr.workflows.graph.AnswerCall;
import dev.ivr.workflows.graph.DownloadRecording;
import dev.ivr.workflows.graph.GraphCallActivities;
import dev.ivr.workflows.graph.HangUp;
import dev.ivr.workflows.graph.OperationStarted;
import dev.ivr.workflows.graph.PlayPrompt;
import dev.ivr.workflows.graph.RecordResponse;
import dev.ivr.workflows.graph.RecordingActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The activities against the project's Graph emulator over real HTTP: the Graph SDK with an msal4j
 * token from the emulator's token endpoint, notifications to a local callback, and the recording
 * downloaded from the emulator's {@code recordingLocation}.
 */
class GraphActivitiesAgainstEmulatorTest {

  @RegisterExtension
  final GraphEmulatorExtension graph = new GraphEmulatorExtension(EmulatorConfig.defaults().withTimeScale(20));

  @TempDir Path root;
  private GraphEmulator emulator;
  private CallbackEndpoint bot;
  private GraphCallActivities activities;
  private TestActivityEnvironment env;
  private RecordingActivities recordings;
  private RecordingStore store;

  @BeforeEach
  void setUp() throws Exception {
    emulator = graph.emulator();
    bot = new CallbackEndpoint();
    EmulatorConfig config = emulator.config();
    var settings = new GraphSettings(emulator.graphBaseUrl(), null, config.tenantId(), config.clientId(),
        config.clientSecret(), emulator.baseUrl(), null);
    activities = new GraphCallActivitiesImpl(GraphClients.create(settings));
    store = new FileSystemRecordingStore(root);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new RecordingActivitiesImpl(store));
    recordings = env.newActivityStub(RecordingActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
  }

  @AfterEach
  void tearDown() {
    env.close();
    bot.close();
  }

  @Test
  void answerPlayRecordDownloadHangUp() throws Exception {
    String welcome = bot.prompt("welcome.wav", Wav.silence(1.0));
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));

    activities.answer(new AnswerCall(callId, bot.callbackUri(), List.of(new MediaRef(welcome, "res-welcome", 1_000))));
    bot.awaitCallState(callId, "established");

    OperationStarted play = activities.playPrompt(
        new PlayPrompt(callId, "call-x:1", List.of(new MediaRef(welcome, "res-welcome", 1_000))));
    assertThat(play.status()).isEqualTo("running");
    assertThat(play.operationId()).isNotBlank();
    assertThat(bot.awaitOperationDone(play.operationId()).path("status").asText()).isEqualTo("completed");

    OperationStarted record = activities.recordResponse(new RecordResponse(callId, "call-x:2", null,
        new RecordSettings(5, 2, 4, true, false, List.of("#"))));
    assertThat(record.status()).isEqualTo("running");
    JsonNode done = bot.awaitOperationDone(record.operationId());
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(done.path("clientContext").asText()).isEqualTo("call-x:2");

    // a completed record has no completionReason (call-record's example, the emulator's default): the subcode names it
    assertThat(done.has("completionReason")).isFalse();
    String reason = reasonOf(done);
    RecordingStored stored = recordings.downloadRecording(new DownloadRecording("call-x/2", "record", record.operationId(),
        reason, done.path("recordingLocation").asText(), done.path("recordingAccessToken").asText()));

    byte[] generated = emulator.recordingBytes(callId, record.operationId());
    CallView.RecordingView view = emulator.call(callId).recordings().get(0);
    assertThat(Files.readAllBytes(Path.of(stored.location()))).isEqualTo(generated);
    assertThat(stored.location()).isEqualTo(root.resolve("call-x/2.wav").toString());
    assertThat(stored.sizeBytes()).isEqualTo(generated.length).isEqualTo(view.bytes());
    assertThat(stored.durationMillis()).isEqualTo(Math.round(view.durationSeconds() * 1000));
    assertThat(stored.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(generated)));
    assertThat(stored.completionReason()).isEqualTo(reason).isNotBlank();

    activities.hangUp(new HangUp(callId));
    bot.awaitCallState(callId, "terminated");
    assertThat(emulator.call(callId).ended()).isTrue();

    assertThat(emulator.journal().stream().filter(JournalEntry::isRequest)
        .filter(e -> e.path().endsWith("/oauth2/v2.0/token")).count())
        .as("one token for the whole call, from msal4j's cache").isEqualTo(1);
  }

  @Test
  void afterTheCallEnded_hangUpStillSucceeds_andMediaActionsAreCallGone() {
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
    activities.answer(new AnswerCall(callId, bot.callbackUri(), List.of()));
    bot.awaitCallState(callId, "established");
    activities.hangUp(new HangUp(callId));
    bot.awaitCallState(callId, "terminated");

    assertThatCode(() -> activities.hangUp(new HangUp(callId))).doesNotThrowAnyException();
    assertThatThrownBy(() -> activities.recordResponse(
        new RecordResponse(callId, "call-y:1", null, RecordSettings.defaults())))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(GraphCallActivities.CALL_GONE);
          assertThat(failure.isNonRetryable()).isTrue();
        });
  }

  @Test
  void throttledPlayPrompt_carriesRetryAfter_andTheNextAttemptGoesThrough() {
    String welcome = bot.prompt("welcome.wav", Wav.silence(1.0));
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withFaults(
        FaultPlan.builder().graphError(FaultPlan.GraphError.of(429, "playPrompt", 1)).build()));
    activities.answer(new AnswerCall(callId, bot.callbackUri(), List.of()));
    bot.awaitCallState(callId, "established");
    var request = new PlayPrompt(callId, "call-z:1", List.of(new MediaRef(welcome, "res-welcome", 1_000)));

    assertThatThrownBy(() -> activities.playPrompt(request))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(GraphCallActivities.THROTTLED);
          assertThat(failure.isNonRetryable()).isFalse();
          assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofMillis(2_128));
        });
    assertThat(activities.playPrompt(request).status()).isEqualTo("running");
    assertThat(emulator.journal(callId).stream()
        .filter(e -> e.isRequest() && e.path().endsWith("/playPrompt")).count())
        .as("the SDK did not retry on its own").isEqualTo(2);
    activities.hangUp(new HangUp(callId));
  }

  @Test
  void unavailableGraph_isRetryable() {
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withFaults(
        FaultPlan.builder().graphError(FaultPlan.GraphError.of(503, "answer", 1)).build()));

    assertThatThrownBy(() -> activities.answer(new AnswerCall(callId, bot.callbackUri(), List.of())))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(GraphCallActivities.GRAPH_UNAVAILABLE);
          assertThat(failure.isNonRetryable()).isFalse();
        });
    activities.answer(new AnswerCall(callId, bot.callbackUri(), List.of()));
    bot.awaitCallState(callId, "established");
    activities.hangUp(new HangUp(callId));
  }

  @Test
  void recordingDownload_resumesFromTheHeartbeat_withARangeRequest() throws Exception {
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
    activities.answer(new AnswerCall(callId, bot.callbackUri(), List.of()));
    bot.awaitCallState(callId, "established");
    OperationStarted record = activities.recordResponse(new RecordResponse(callId, "call-r:1", null,
        new RecordSettings(5, 2, 3, false, false, List.of())));
    JsonNode done = bot.awaitOperationDone(record.operationId());
    byte[] generated = emulator.recordingBytes(callId, record.operationId());
    int half = generated.length / 2;
    try (RecordingStore.Sink partial = store.open("call-r/1")) { // what a failed attempt left behind
      partial.write(generated, 0, half);
    }

    env.setHeartbeatDetails((long) half);
    RecordingStored stored = recordings.downloadRecording(new DownloadRecording("call-r/1", "record",
        record.operationId(), reasonOf(done), done.path("recordingLocation").asText(),
        done.path("recordingAccessToken").asText()));

    assertThat(Files.readAllBytes(Path.of(stored.location()))).isEqualTo(generated);
    assertThat(stored.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(generated)));
    activities.hangUp(new HangUp(callId));
  }

  @Test
  void recordingWithARejectedToken_isGone() {
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
    activities.answer(new AnswerCall(callId, bot.callbackUri(), List.of()));
    bot.awaitCallState(callId, "established");
    OperationStarted record = activities.recordResponse(new RecordResponse(callId, "call-g:1", null,
        new RecordSettings(5, 2, 2, false, false, List.of())));
    JsonNode done = bot.awaitOperationDone(record.operationId());

    assertThatThrownBy(() -> recordings.downloadRecording(new DownloadRecording("call-g/1", "record",
        record.operationId(), "x", done.path("recordingLocation").asText(), "not-the-recording-token")))
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(RecordingActivities.RECORDING_GONE);
          assertThat(failure.isNonRetryable()).isTrue();
        });
    activities.hangUp(new HangUp(callId));
  }

  /** The reason of a completed record, by its subcode, as the workflow names it. */
  private static String reasonOf(JsonNode done) {
    return java.util.Map.of(8509, "maxSilenceTimeout", 8514, "stopToneDetected", 8515, "maxRecordDurationReached")
        .get(done.path("resultInfo").path("subcode").asInt());
  }
}
