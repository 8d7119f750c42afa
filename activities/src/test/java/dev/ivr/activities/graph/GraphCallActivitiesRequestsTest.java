package dev.ivr.activities.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.RecordSettings;
import dev.ivr.workflows.graph.AnswerCall;
import dev.ivr.workflows.graph.CancelMediaProcessing;
import dev.ivr.workflows.graph.CreateCall;
import dev.ivr.workflows.graph.GraphCallActivities;
import dev.ivr.workflows.graph.OperationStarted;
import dev.ivr.workflows.graph.PlayPrompt;
import dev.ivr.workflows.graph.RecordResponse;
import dev.ivr.workflows.graph.SubscribeToTone;
import dev.ivr.workflows.graph.TransferCall;
import io.temporal.failure.ApplicationFailure;
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
  void playPrompt_signsARecordingsUrl_whenItIsSent_withAShortExpiry() throws Exception {
    String key = dev.ivr.recordings.RecordingLinks.generateKey();
    java.time.Instant now = java.time.Instant.parse("2026-03-01T10:00:00Z");
    activities = new GraphCallActivitiesImpl(GraphClients.create(fake.settings()),
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), dev.ivr.activities.recording.RecordingUrls.of(
            key, java.time.Duration.ofMinutes(5), null, java.time.Clock.fixed(now, java.time.ZoneOffset.UTC)));

    activities.playPrompt(new PlayPrompt(CALL, "call-x:2", List.of(
        new MediaRef("https://api.example/prompts/en-US/your-message.wav", "res-a", 1_000),
        MediaRef.recording("https://api.example", "call-x/2-record.wav", "0b6f3c1e-0000-3000-8000-000000000001", 3_000))));

    JsonNode prompts = JSON.readTree(fake.graphRequests.get(0).body()).path("prompts");
    assertThat(prompts.get(0).path("mediaInfo").path("uri").asText())
        .isEqualTo("https://api.example/prompts/en-US/your-message.wav");
    JsonNode recording = prompts.get(1).path("mediaInfo");
    assertThat(recording.path("resourceId").asText()).isEqualTo("0b6f3c1e-0000-3000-8000-000000000001");
    String uri = recording.path("uri").asText();
    assertThat(uri).startsWith("https://api.example/media/recordings/").endsWith(".wav").doesNotContain(MediaRef.TOKEN);
    String token = uri.substring("https://api.example/media/recordings/".length(), uri.length() - 4);
    var links = dev.ivr.recordings.RecordingLinks.withKey(key, "test");
    assertThat(links.verify(dev.ivr.recordings.RecordingLinks.PLAY, token, now.plusSeconds(299)))
        .contains("call-x/2-record.wav");
    assertThat(links.verify(dev.ivr.recordings.RecordingLinks.PLAY, token, now.plusSeconds(300))).isEmpty();
  }

  @Test
  void playPrompt_ofARecording_withoutASigningKey_failsFinal_andSendsNothing() {
    assertThatThrownBy(() -> activities.playPrompt(new PlayPrompt(CALL, "call-x:3", List.of(
        MediaRef.recording("https://api.example", "call-x/2-record.wav", "r-1", 3_000)))))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(dev.ivr.activities.recording.RecordingUrls.KEY_MISSING);
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getOriginalMessage()).contains("IVR_MEDIA_SIGNING_KEY is not set");
        });
    assertThat(fake.graphRequests).isEmpty();
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

  @Test
  void createCall_toAPhone_fromTheApplicationInstance_readsTheIdFromTheBody() throws Exception {
    fake.enqueue(201, """
        {"@odata.type":"#microsoft.graph.call","state":"establishing","direction":"outgoing",
         "id":"2f1a0b00-aaaa-4bc9-a43e-b226498ec22a"}""",
        "Location", fake.baseUrl() + "/v1.0/communications/calls/2f1a0b00-aaaa-4bc9-a43e-b226498ec22a");

    String callId = activities.createCall(new CreateCall("https://bot.example/callbacks/calling?wf=call-1",
        "tenant-1", "instance-1", "+12065550100", null,
        List.of(new MediaRef("https://media.example/hello.wav", "res-hello", 1_000))));

    assertThat(callId).isEqualTo("2f1a0b00-aaaa-4bc9-a43e-b226498ec22a");
    FakeGraph.Recorded request = fake.graphRequests.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1.0/communications/calls");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + FakeGraph.TOKEN);
    assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
        {"callbackUri":"https://bot.example/callbacks/calling?wf=call-1",
         "mediaConfig":{"@odata.type":"#microsoft.graph.serviceHostedMediaConfig",
           "preFetchMedia":[{"resourceId":"res-hello","uri":"https://media.example/hello.wav"}]},
         "requestedModalities":["audio"],
         "source":{"identity":{"@odata.type":"#microsoft.graph.communicationsIdentitySet",
             "applicationInstance":{"id":"instance-1"}}},
         "targets":[{"identity":{"@odata.type":"#microsoft.graph.communicationsIdentitySet",
             "phone":{"id":"+12065550100"}}}],
         "tenantId":"tenant-1"}
        """));
  }

  @Test
  void createCall_toATeamsUser_withoutSource_fallsBackToTheLocationHeader() throws Exception {
    fake.enqueue(201, "{\"@odata.type\":\"#microsoft.graph.call\",\"state\":\"establishing\"}",
        "Location", "https://graph.microsoft.com/v1.0/communications/calls/5e1f0b00-bbbb-4bc9-a43e-b226498ec22a");

    String callId = activities.createCall(new CreateCall("https://bot.example/cb", null, null, null,
        "8d3c5a1e-0000-4000-8000-000000000001", List.of()));

    assertThat(callId).isEqualTo("5e1f0b00-bbbb-4bc9-a43e-b226498ec22a");
    JsonNode body = JSON.readTree(fake.graphRequests.get(0).body());
    assertThat(body.has("source")).isFalse();
    assertThat(body.has("tenantId")).isFalse();
    assertThat(body.path("targets")).hasSize(1);
    assertThat(body.path("targets").get(0).path("identity")).isEqualTo(JSON.readTree("""
        {"@odata.type":"#microsoft.graph.communicationsIdentitySet",
         "user":{"id":"8d3c5a1e-0000-4000-8000-000000000001"}}
        """));
    assertThat(body.path("mediaConfig")).isEqualTo(JSON.readTree("""
        {"@odata.type":"#microsoft.graph.serviceHostedMediaConfig","preFetchMedia":[]}"""));
  }

  @Test
  void createCall_withoutExactlyOneValidTarget_isABadRequest_andSendsNothing() {
    for (CreateCall bad : List.of(
        new CreateCall("https://bot.example/cb", null, "instance-1", null, null, List.of()),
        new CreateCall("https://bot.example/cb", null, "instance-1", "+12065550100", "user-1", List.of()),
        new CreateCall("https://bot.example/cb", null, "instance-1", "206-555-0100", null, List.of()),
        new CreateCall(" ", null, "instance-1", "+12065550100", null, List.of()))) {
      assertThatThrownBy(() -> activities.createCall(bad))
          .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
            assertThat(failure.getType()).isEqualTo(GraphCallActivities.BAD_REQUEST);
            assertThat(failure.isNonRetryable()).isTrue();
            assertThat(failure.getOriginalMessage()).doesNotContain("206-555-0100");
          });
    }
    assertThat(fake.graphRequests).isEmpty();
  }

  @Test
  void createCall_201WithoutAnyId_isFinal_soNoSecondCallIsPlaced() {
    fake.enqueue(201, "{\"@odata.type\":\"#microsoft.graph.call\"}");

    assertThatThrownBy(() -> activities.createCall(
        new CreateCall("https://bot.example/cb", null, "instance-1", "+12065550100", null, List.of())))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> assertThat(failure.isNonRetryable()).isTrue());
  }

  @Test
  void subscribeToTone_sendsTheClientContext_andReadsCompleted() throws Exception {
    fake.enqueue(200, """
        {"@odata.type":"#microsoft.graph.subscribeToToneOperation","id":"op-t","status":"completed",
         "clientContext":"call-x:tones"}""");

    OperationStarted started = activities.subscribeToTone(new SubscribeToTone(CALL, "call-x:tones"));

    assertThat(started).isEqualTo(new OperationStarted("op-t", "completed", null));
    assertThat(started.isTerminal()).isTrue();
    FakeGraph.Recorded request = fake.graphRequests.get(0);
    assertThat(request.path()).isEqualTo("/v1.0/communications/calls/" + CALL + "/subscribeToTone");
    assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("{\"clientContext\":\"call-x:tones\"}"));
  }

  @Test
  void cancelMediaProcessing_sendsTheClientContext_andReadsCompleted() throws Exception {
    fake.enqueue(200, """
        {"@odata.type":"#microsoft.graph.cancelMediaProcessingOperation","id":"op-c","status":"Completed",
         "clientContext":"call-x:cancel"}""");

    OperationStarted started = activities.cancelMediaProcessing(new CancelMediaProcessing(CALL, "call-x:cancel"));

    assertThat(started).isEqualTo(new OperationStarted("op-c", "completed", null));
    FakeGraph.Recorded request = fake.graphRequests.get(0);
    assertThat(request.path()).isEqualTo("/v1.0/communications/calls/" + CALL + "/cancelMediaProcessing");
    assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("{\"clientContext\":\"call-x:cancel\"}"));
  }

  @Test
  void transfer_sendsOneTargetIdentity_andTheClientContext() throws Exception {
    fake.enqueue(202, null);
    fake.enqueue(202, null);
    fake.enqueue(202, null);

    activities.transfer(new TransferCall(CALL, "call-x:t1", "+441632960961", null, null));
    activities.transfer(new TransferCall(CALL, null, null, "user-2", null));
    activities.transfer(new TransferCall(CALL, "call-x:t3", null, null, "instance-2"));

    assertThat(fake.graphRequests).extracting(FakeGraph.Recorded::path)
        .containsOnly("/v1.0/communications/calls/" + CALL + "/transfer");
    assertThat(JSON.readTree(fake.graphRequests.get(0).body())).isEqualTo(JSON.readTree("""
        {"clientContext":"call-x:t1",
         "transferTarget":{"identity":{"@odata.type":"#microsoft.graph.communicationsIdentitySet",
             "phone":{"id":"+441632960961"}}}}
        """));
    assertThat(JSON.readTree(fake.graphRequests.get(1).body())).isEqualTo(JSON.readTree("""
        {"transferTarget":{"identity":{"@odata.type":"#microsoft.graph.communicationsIdentitySet",
             "user":{"id":"user-2"}}}}
        """));
    assertThat(JSON.readTree(fake.graphRequests.get(2).body()).path("transferTarget").path("identity")
        .path("applicationInstance").path("id").asText()).isEqualTo("instance-2");
  }

  @Test
  void transfer_withoutExactlyOneTarget_isABadRequest_andSendsNothing() {
    for (TransferCall bad : List.of(
        new TransferCall(CALL, "ctx", null, null, null),
        new TransferCall(CALL, "ctx", "+441632960961", "user-2", null),
        new TransferCall(CALL, "ctx", "01632 960961", null, null),
        new TransferCall(" ", "ctx", "+441632960961", null, null))) {
      assertThatThrownBy(() -> activities.transfer(bad))
          .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
            assertThat(failure.getType()).isEqualTo(GraphCallActivities.BAD_REQUEST);
            assertThat(failure.isNonRetryable()).isTrue();
          });
    }
    assertThat(fake.graphRequests).isEmpty();
  }
}
