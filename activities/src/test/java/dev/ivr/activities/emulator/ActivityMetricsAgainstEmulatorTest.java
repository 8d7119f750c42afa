package dev.ivr.activities.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.activities.graph.GraphCallActivitiesImpl;
import dev.ivr.activities.graph.GraphClients;
import dev.ivr.activities.graph.GraphSettings;
import dev.ivr.activities.recording.RecordingActivitiesImpl;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphEmulatorExtension;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.recordings.FileSystemRecordingStore;
import dev.ivr.workflows.flow.RecordSettings;
import dev.ivr.workflows.graph.AnswerCall;
import dev.ivr.workflows.graph.DownloadRecording;
import dev.ivr.workflows.graph.GraphCallActivities;
import dev.ivr.workflows.graph.HangUp;
import dev.ivr.workflows.graph.OperationStarted;
import dev.ivr.workflows.graph.RecordResponse;
import dev.ivr.workflows.graph.RecordingActivities;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The activities' own metrics move with what happens against the Graph emulator over real HTTP. */
class ActivityMetricsAgainstEmulatorTest {
  @RegisterExtension
  final GraphEmulatorExtension graph = new GraphEmulatorExtension(EmulatorConfig.defaults().withTimeScale(20));

  @TempDir Path root;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private GraphEmulator emulator;
  private CallbackEndpoint bot;
  private GraphCallActivities activities;
  private TestActivityEnvironment env;
  private RecordingActivities recordings;

  @BeforeEach
  void setUp() throws Exception {
    emulator = graph.emulator();
    bot = new CallbackEndpoint();
    EmulatorConfig config = emulator.config();
    var settings = new GraphSettings(emulator.graphBaseUrl(), null, config.tenantId(), config.clientId(),
        config.clientSecret(), emulator.baseUrl(), null);
    activities = new GraphCallActivitiesImpl(GraphClients.create(settings), meters);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new RecordingActivitiesImpl(new FileSystemRecordingStore(root), meters));
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
  void graphRequests_areTimedByOperation_andErrorsCountedByStatusAndType() {
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withFaults(
        FaultPlan.builder().graphError(FaultPlan.GraphError.of(503, "answer", 1)).build()));

    assertThatThrownBy(() -> activities.answer(new AnswerCall(callId, bot.callbackUri(), List.of())));
    activities.answer(new AnswerCall(callId, bot.callbackUri(), List.of()));
    bot.awaitCallState(callId, "established");
    activities.hangUp(new HangUp(callId));
    bot.awaitCallState(callId, "terminated");
    assertThatThrownBy(() -> activities.recordResponse(
        new RecordResponse(callId, "call-m:1", null, RecordSettings.defaults())));

    assertThat(meters.get("ivr.graph.request").tags("operation", "answer", "outcome", "error").timer().count())
        .isEqualTo(1);
    assertThat(meters.get("ivr.graph.request").tags("operation", "answer", "outcome", "success").timer().count())
        .isEqualTo(1);
    assertThat(meters.get("ivr.graph.request").tags("operation", "hangUp", "outcome", "success").timer().count())
        .isEqualTo(1);
    assertThat(meters.get("ivr.graph.errors").tags("operation", "answer", "status", "503",
        "type", GraphCallActivities.GRAPH_UNAVAILABLE).counter().count()).isEqualTo(1.0);
    assertThat(meters.get("ivr.graph.errors").tags("operation", "recordResponse", "status", "404",
        "type", GraphCallActivities.CALL_GONE).counter().count()).isEqualTo(1.0);
    assertThat(meters.find("ivr.graph.errors").counters()).hasSize(2);
    assertNoTagCarries(callId);
  }

  @Test
  void recordingDownloads_areTimedByOutcome_andTheirBytesCounted() {
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
    activities.answer(new AnswerCall(callId, bot.callbackUri(), List.of()));
    bot.awaitCallState(callId, "established");
    OperationStarted record = activities.recordResponse(new RecordResponse(callId, "call-d:1", null,
        new RecordSettings(5, 2, 2, false, false, List.of())));
    JsonNode done = bot.awaitOperationDone(record.operationId());
    String location = done.path("recordingLocation").asText();
    String token = done.path("recordingAccessToken").asText();
    var request = new DownloadRecording("call-d/1", "record", record.operationId(), "x", location, token);

    recordings.downloadRecording(request);
    recordings.downloadRecording(request);
    assertThatThrownBy(() -> recordings.downloadRecording(
        new DownloadRecording("call-d/2", "record", record.operationId(), "x", location, "not-the-token")));

    long size = emulator.recordingBytes(callId, record.operationId()).length;
    assertThat(meters.get("ivr.recording.download").tag("outcome", "stored").timer().count()).isEqualTo(1);
    assertThat(meters.get("ivr.recording.download").tag("outcome", "already_stored").timer().count()).isEqualTo(1);
    assertThat(meters.get("ivr.recording.download").tag("outcome", "failed").timer().count()).isEqualTo(1);
    assertThat(meters.get("ivr.recording.download.bytes").counter().count()).isEqualTo((double) size);
    assertNoTagCarries(callId);
    assertNoTagCarries(token);
    activities.hangUp(new HangUp(callId));
  }

  private void assertNoTagCarries(String secretOrId) {
    for (Meter meter : meters.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertThat(tag.getValue()).as(meter.getId().toString()).doesNotContain(secretOrId);
      }
    }
  }
}
