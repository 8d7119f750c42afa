package dev.ivr.activities.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.RecordSettings;
import dev.ivr.workflows.graph.AnswerCall;
import dev.ivr.workflows.graph.GraphCallActivities;
import dev.ivr.workflows.graph.OperationStarted;
import dev.ivr.workflows.graph.PlayPrompt;
import dev.ivr.workflows.graph.RecordResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact requests the activities send, as a local server receives them. */
class GraphCallActivitiesRequestsTest {
  private static final String CALL = "491f0b00-ffff-4bc9-a43e-b226498ec22a";
  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeGraph fake;
  private GraphCallActivities activities;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeGraph();
    activities = new GraphCallActivitiesImpl(GraphClients.create(fake.settings()));
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  @Test
  void answer_acceptsAudioWithServiceHostedMedia() throws Exception {
    activities.answer(new AnswerCall(CALL, "https://bot.example/callbacks/calling",
        List.of(new MediaRef("https://media.example/welcome.wav", "res-welcome", 2_000))));

    FakeGraph.Recorded request = fake.graphRequests.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1.0/communications/calls/" + CALL + "/answer");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + FakeGraph.TOKEN);
    assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
        {"acceptedModalities":["audio"],
         "callbackUri":"https://bot.example/callbacks/calling",
         "mediaConfig":{"@odata.type":"#microsoft.graph.serviceHostedMediaConfig",
           "preFetchMedia":[{"resourceId":"res-welcome","uri":"https://media.example/welcome.wav"}]}}
        """));
  }

  @Test
  void playPrompt_sendsMediaPrompts_andReadsRunning() throws Exception {
    OperationStarted started = activities.playPrompt(new PlayPrompt(CALL, "call-x:1", List.of(
        new MediaRef("https://media.example/a.wav", "res-a", 1_000),
        new MediaRef("https://media.example/b.wav", null, 1_000))));

    assertThat(started).isEqualTo(new OperationStarted("op-1", "running", null));
    assertThat(started.isTerminal()).isFalse();
    FakeGraph.Recorded request = fake.graphRequests.get(0);
    assertThat(request.path()).isEqualTo("/v1.0/communications/calls/" + CALL + "/playPrompt");
    assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
        {"clientContext":"call-x:1",
         "prompts":[
           {"@odata.type":"#microsoft.graph.mediaPrompt","mediaInfo":{"resourceId":"res-a","uri":"https://media.example/a.wav"}},
           {"@odata.type":"#microsoft.graph.mediaPrompt","mediaInfo":{"uri":"https://media.example/b.wav"}}]}
        """));
  }

  @Test
  void recordResponse_sendsEverySetting_andReadsRunning() throws Exception {
    var settings = new RecordSettings(4, 2, 30, false, true, List.of("#", "1"));

    OperationStarted started = activities.recordResponse(new RecordResponse(CALL, "call-x:2",
        new MediaRef("https://media.example/after-the-beep.wav", "res-beep", 1_500), settings));

    assertThat(started.status()).isEqualTo("running");
    assertThat(started.operationId()).isEqualTo("op-1");
    JsonNode body = JSON.readTree(fake.graphRequests.get(0).body());
    assertThat(body).isEqualTo(JSON.readTree("""
        {"bargeInAllowed":true,"clientContext":"call-x:2","initialSilenceTimeoutInSeconds":4,
         "maxRecordDurationInSeconds":30,"maxSilenceTimeoutInSeconds":2,"playBeep":false,
         "prompts":[{"@odata.type":"#microsoft.graph.mediaPrompt",
           "mediaInfo":{"resourceId":"res-beep","uri":"https://media.example/after-the-beep.wav"}}],
         "stopTones":["#","1"]}
        """));
  }

  @Test
  void recordResponseWithoutPrompt_sendsNoPrompts() throws Exception {
    activities.recordResponse(new RecordResponse(CALL, "call-x:3", null, RecordSettings.defaults()));

    JsonNode body = JSON.readTree(fake.graphRequests.get(0).body());
    assertThat(body.has("prompts")).isFalse();
    assertThat(body.get("playBeep").asBoolean()).isTrue();
    assertThat(body.get("maxRecordDurationInSeconds").asInt()).isEqualTo(5);
  }
}
