package dev.ivr.api.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.api.support.ApiHttp;
import dev.ivr.api.support.TemporalTestEnvironment;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.event.GraphEventSignal;
import dev.ivr.workflows.call.StepTaken;
import dev.ivr.workflows.flow.MediaRef;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import dev.ivr.api.support.EmulatorTokens;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The webhook over a real socket, handing notifications to a real (in-memory) Temporal service
 * whose worker runs a workflow that records the signals it gets. Tokens are validated as in
 * production, against the Graph emulator's OpenID configuration; every post carries a token the
 * emulator signed.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"ivr.flows.dir=../flows", "ivr.flows.routing=../flows/routing.yaml", "ivr.prompts.dir=../flows/prompts"})
@Import(TemporalTestEnvironment.class)
@Timeout(60) // a safety net against a hung Temporal call, not a timing assertion
class WebhookTest {

  private static final String SAMPLE_CALL_ID = "521f0b00-ffff-4bc9-a43e-b226498ec22a";
  private static final String PATH = "/callbacks/calling";
  private static final String JSON = "application/json";

  static final GraphEmulator EMULATOR = GraphEmulator.start(EmulatorConfig.defaults());
  static final EmulatorTokens TOKENS = new EmulatorTokens(EMULATOR);

  @DynamicPropertySource
  static void validateAgainstTheEmulator(DynamicPropertyRegistry registry) {
    registry.add("ivr.notifications.auth.openid-configuration-url", EMULATOR::notificationOpenIdConfigurationUrl);
    registry.add("ivr.notifications.auth.audience", () -> EMULATOR.config().clientId());
    registry.add("ivr.notifications.auth.allowed-tenants", () -> EMULATOR.config().tenantId());
  }

  @AfterAll
  static void stopEmulator() {
    TOKENS.close();
    EMULATOR.close();
  }

  @Value("${local.server.port}")
  int port;

  @Autowired WorkflowClient client;

  ApiHttp api;
  String callId;

  @BeforeEach
  void setUp() {
    api = new ApiHttp(port, Duration.ofSeconds(30)).withAuthorization(TOKENS.valid());
    callId = UUID.randomUUID().toString();
  }

  @Test
  void incomingCall_startsItsWorkflowWithTheFlowAndSignalsIt() throws IOException {
    HttpResponse<byte[]> response = post("incoming-phone.json", "msg-1");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode reply = ApiHttp.json(response);
    assertThat(reply.path("received").asInt()).isEqualTo(1);
    JsonNode outcome = reply.path("outcomes").path(0);
    // the whole shape, nulls included: what Graph's side and the docs see
    assertThat(outcome.fieldNames()).toIterable().containsExactly("index", "callId", "workflowId", "events", "outcome", "detail");
    assertThat(outcome.path("index").asInt()).isZero();
    assertThat(outcome.path("callId").asText()).isEqualTo(callId);
    String workflowId = "call-" + callId.replace("-", "");
    assertThat(outcome.path("workflowId").asText()).isEqualTo(workflowId);
    assertThat(outcome.path("outcome").asText()).isEqualTo("delivered");
    assertThat(outcome.path("events").path(0).asText()).isEqualTo("callState:incoming");

    List<HistoryEvent> history = client.fetchHistory(workflowId).getEvents();
    CallInput input = startInput(history);
    assertThat(input.callId()).isEqualTo(callId);
    assertThat(input.tenantId()).isEqualTo("2a6c3c4e-0f8c-4d5a-9c8e-0e3a3c2e1f00");
    assertThat(input.direction()).isEqualTo("incoming");
    assertThat(input.callbackUri()).isEqualTo("http://127.0.0.1:" + port + PATH);
    assertThat(input.flow().id()).isEqualTo("voicemail");
    assertThat(input.flow().version()).matches("[0-9a-f]{12}");
    assertThat(input.flow().start()).isEqualTo("greeting");
    assertThat(input.prompts()).containsOnlyKeys("en-US/voicemail-greeting", "en-US/goodbye");
    MediaRef greeting = input.prompts().get("en-US/voicemail-greeting");
    assertThat(greeting.uri()).isEqualTo("http://127.0.0.1:" + port + "/prompts/en-US/voicemail-greeting.wav");
    assertThat(greeting.resourceId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(greeting.durationMillis()).isBetween(1_000L, 30_000L);

    List<GraphEventSignal> signals = signals(history);
    assertThat(signals).hasSize(1);
    assertThat(signals.get(0).messageId()).isEqualTo("msg-1");
    assertThat(signals.get(0).event().dedupKey()).isEqualTo("state:incoming");
  }

  @Test
  void laterNotifications_signalTheRunningWorkflow_inOrder_untilItCompletes() throws IOException {
    assertThat(post("incoming-phone.json", "m1").statusCode()).isEqualTo(202);
    assertThat(post("established-without-id.json", "m2").statusCode()).isEqualTo(202);
    assertThat(post("tone.json", "m3").statusCode()).isEqualTo(202);
    assertThat(post("record-completed.json", "m4").statusCode()).isEqualTo(202);
    assertThat(post("terminated-string-resultinfo.json", "m5").statusCode()).isEqualTo(202);

    CallResult result = client.newUntypedWorkflowStub(CallIds.workflowId(callId)).getResult(CallResult.class);

    assertThat(result.path())
        .extracting(StepTaken::nodeId, StepTaken::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("state:incoming", "m1"),
            org.assertj.core.groups.Tuple.tuple("state:established", "m2"),
            org.assertj.core.groups.Tuple.tuple("state:established", "m3"),
            org.assertj.core.groups.Tuple.tuple("tone:1", "m3"),
            org.assertj.core.groups.Tuple.tuple("op:d45324c1-fcb5-430a-902c-f20af696537c:completed", "m4"),
            org.assertj.core.groups.Tuple.tuple("state:terminated:200/5001", "m5"));
  }

  @Test
  void duplicatePost_isHarmless_oneRunTwoSignals() throws IOException {
    assertThat(post("incoming-phone.json", "dup").statusCode()).isEqualTo(202);
    HttpResponse<byte[]> again = post("incoming-phone.json", "dup");
    assertThat(post("terminated-string-resultinfo.json", "end").statusCode()).isEqualTo(202);

    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(ApiHttp.json(again).path("outcomes").path(0).path("outcome").asText()).isEqualTo("delivered");
    assertThat(received()).containsExactly("state:incoming", "state:incoming", "state:terminated:200/5001");
    assertThat(client.fetchHistory(CallIds.workflowId(callId)).getEvents())
        .filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
        .hasSize(1);
  }

  @Test
  void batchedPost_deliversEachEvent_andIgnoresTheRoster() throws IOException {
    assertThat(post("incoming-phone.json", "b1").statusCode()).isEqualTo(202);

    HttpResponse<byte[]> response = post("batched.json", "b2");
    assertThat(post("terminated-string-resultinfo.json", "b3").statusCode()).isEqualTo(202);

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode reply = ApiHttp.json(response);
    assertThat(reply.path("received").asInt()).isEqualTo(3);
    assertThat(reply.path("outcomes").findValuesAsText("outcome")).containsExactly("delivered", "delivered", "ignored");
    assertThat(received())
        .containsExactly("state:incoming", "state:establishing", "state:established", "state:terminated:200/5001");
  }

  @Test
  void unknownCall_isAcceptedAndDropped_deliberately() throws IOException {
    HttpResponse<byte[]> response = post("established-without-id.json", "u1");

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode outcome = ApiHttp.json(response).path("outcomes").path(0);
    assertThat(outcome.path("outcome").asText()).isEqualTo("dropped-unknown-call");
    assertThat(outcome.path("detail").asText()).contains("unknown");
  }

  @Test
  void finishedCall_isNeitherSignalledNorRestarted() throws IOException {
    post("incoming-phone.json", "f1");
    post("terminated-string-resultinfo.json", "f2");
    client.newUntypedWorkflowStub(CallIds.workflowId(callId)).getResult(CallResult.class);

    HttpResponse<byte[]> late = post("tone.json", "f3");
    HttpResponse<byte[]> again = post("incoming-phone.json", "f4");

    assertThat(late.statusCode()).isEqualTo(202);
    assertThat(ApiHttp.json(late).path("outcomes").path(0).path("outcome").asText()).isEqualTo("dropped-unknown-call");
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(ApiHttp.json(again).path("outcomes").path(0).path("outcome").asText()).isEqualTo("dropped-call-ended");
    assertThat(client.fetchHistory(CallIds.workflowId(callId)).getEvents())
        .filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
        .hasSize(1);
  }

  @Test
  void malformedJson_is400WithAProblemBody() {
    HttpResponse<byte[]> response = api.post(PATH, JSON, "{\"value\":[{\"changeType\":");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(ApiHttp.json(response).path("detail").asText()).contains("malformed");
  }

  @Test
  void bodyWithoutValue_is400() {
    HttpResponse<byte[]> response = api.post(PATH, JSON, "{\"@odata.type\":\"#microsoft.graph.commsNotifications\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(ApiHttp.json(response).path("detail").asText()).contains("value");
  }

  @Test
  void wrongContentType_is415() throws IOException {
    HttpResponse<byte[]> response = api.post(PATH, "text/plain", body("tone.json"));

    assertThat(response.statusCode()).isEqualTo(415);
  }

  @Test
  void jsonWithAWindowsCharset_isAccepted_butNoContentTypeIsNot() throws IOException {
    assertThat(api.post(PATH, "application/json; charset=Windows-1252", body("tone.json")).statusCode()).isEqualTo(202);
    assertThat(api.post(PATH, null, body("tone.json")).statusCode()).isEqualTo(415);
  }

  @Test
  void oversizedBatch_is413() {
    String one = "{\"changeType\":\"updated\",\"resourceUrl\":\"/communications/calls/" + callId + "\"}";
    String many = "{\"value\":[" + String.join(",", java.util.Collections.nCopies(101, one)) + "]}";

    assertThat(api.post(PATH, JSON, many).statusCode()).isEqualTo(413);
  }

  @Test
  void oversizedBody_is413_withOrWithoutAContentLength() throws Exception {
    String padding = "x".repeat(1024 * 1024);
    String big = "{\"value\":[],\"padding\":\"" + padding + "\"}";

    assertThat(api.post(PATH, JSON, big).statusCode()).isEqualTo(413);
    java.net.http.HttpRequest chunked = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + PATH))
        .header("Content-Type", JSON)
        .header("Authorization", TOKENS.valid())
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
            () -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
        .build();
    assertThat(java.net.http.HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(413);
    // and the process is fine
    assertThat(post("tone.json", "after-413").statusCode()).isEqualTo(202);
  }

  @Test
  void hugeValueArray_isRefusedWhole_beforeAnythingIsSignalled() throws IOException {
    String huge = "{\"value\":[" + String.join(",", java.util.Collections.nCopies(50_000, "{}")) + "]}";
    String nulls = "{\"value\":[" + String.join(",", java.util.Collections.nCopies(50_000, "null")) + "]}";

    assertThat(api.post(PATH, JSON, huge).statusCode()).isEqualTo(413);
    HttpResponse<byte[]> onlyNulls = api.post(PATH, JSON, nulls);
    assertThat(onlyNulls.statusCode()).isEqualTo(202);
    assertThat(ApiHttp.json(onlyNulls).path("received").asInt()).isZero();
  }

  @Test
  void unknownResources_andMissingIds_areAcknowledgedAndIgnored_deliberately() {
    String body = "{\"value\":["
        + "{\"changeType\":\"updated\",\"resourceUrl\":\"/communications/onlineMeetings/abc\",\"resourceData\":{\"state\":\"established\"}},"
        + "{\"changeType\":\"updated\",\"resourceData\":{\"@odata.type\":\"#microsoft.graph.call\",\"state\":\"established\"}},"
        + "{\"changeType\":\"updated\",\"resourceUrl\":\"/communications/calls/\"},"
        + "{\"changeType\":\"updated\",\"resourceUrl\":\"/communications/calls/a b\\u0000c\",\"resourceData\":{\"state\":\"established\"}},"
        + "{\"changeType\":\"Exploded\",\"resourceUrl\":\"/communications/calls/" + callId + "\"}"
        + "]}";

    HttpResponse<byte[]> response = api.post(PATH, JSON, body);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(ApiHttp.json(response).path("outcomes").findValuesAsText("outcome")).containsOnly("ignored");
  }

  @Test
  void enumsInAnyCase_andNumbersAsStrings_areUnderstood() throws IOException {
    String pascal = body("pascal-case-incoming.json").replace("4d1f0b00-1f11-4bc9-a43e-b226498ec22a", callId);
    assertThat(ApiHttp.json(api.post(PATH, JSON, pascal)).path("outcomes").path(0).path("outcome").asText())
        .isEqualTo("delivered");
    String tone = "{\"value\":[{\"changeType\":\"UPDATED\",\"resourceUrl\":\"/communications/calls/" + callId + "\","
        + "\"resourceData\":{\"state\":\"ESTABLISHED\",\"toneInfo\":{\"sequenceId\":\"7\",\"tone\":\"Tone5\"}}}]}";
    assertThat(api.post(PATH, JSON, tone).statusCode()).isEqualTo(202);
    String notANumber = "{\"value\":[{\"changeType\":\"deleted\",\"resourceUrl\":\"/communications/calls/" + callId + "\","
        + "\"resourceData\":{\"resultInfo\":{\"code\":\"two hundred\"}}}]}";
    assertThat(api.post(PATH, JSON, notANumber).statusCode()).isEqualTo(400);
    assertThat(post("terminated-string-resultinfo.json", "end").statusCode()).isEqualTo(202);

    assertThat(received()).containsExactly("state:incoming", "state:established", "tone:7", "state:terminated:200/5001");
  }

  /** What the workflow received, in order: waits for it to complete (after a terminated notification). */
  @Test
  void theDocsIncomingCall_withoutIdOrTenant_startsTheCall_inTheTokensTenant_underItsGuid() throws IOException {
    String docs = Files.readString(Path.of("src/test/resources/graph-docs/call-answer.example-1.notification-incoming.json"))
        .replace("57DAB8B1894C409AB240BD8BEAE78896", callId.replace("-", "").toUpperCase());
    HttpResponse<byte[]> response = api.post(PATH, JSON, docs, CallbackController.MESSAGE_ID, "msg-docs");

    assertThat(response.statusCode()).isEqualTo(202);
    String workflowId = "call-" + callId.replace("-", "");
    assertThat(ApiHttp.json(response).path("outcomes").path(0).path("workflowId").asText()).isEqualTo(workflowId);
    CallInput input = startInput(client.fetchHistory(workflowId).getEvents());
    assertThat(input.callId()).as("resourceUrl's 32 hex digits back in GUID form").isEqualTo(callId);
    assertThat(input.tenantId()).as("the notification token's tid").isEqualTo(EMULATOR.config().tenantId());
  }

  private List<String> received() {
    return client.newUntypedWorkflowStub(CallIds.workflowId(callId)).getResult(CallResult.class).path().stream()
        .map(StepTaken::nodeId)
        .toList();
  }

  private HttpResponse<byte[]> post(String resource, String messageId) throws IOException {
    return api.post(PATH, JSON, body(resource), CallbackController.MESSAGE_ID, messageId);
  }

  /** A sample payload, moved to this test's own call. */
  private String body(String resource) throws IOException {
    String json = new String(NotificationMapperTest.resource(resource), StandardCharsets.UTF_8);
    return json.replace(SAMPLE_CALL_ID, callId)
        .replace(SAMPLE_CALL_ID.replace("-", "").toUpperCase(), callId.replace("-", "").toUpperCase())
        .replace("57DAB8B1894C409AB240BD8BEAE78896", callId.replace("-", "").toUpperCase());
  }

  private static CallInput startInput(List<HistoryEvent> history) {
    HistoryEvent started = history.get(0);
    assertThat(started.getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
        0, Optional.of(started.getWorkflowExecutionStartedEventAttributes().getInput()), CallInput.class, CallInput.class);
  }

  private static List<GraphEventSignal> signals(List<HistoryEvent> history) {
    return history.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .map(e -> DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
            0, Optional.of(e.getWorkflowExecutionSignaledEventAttributes().getInput()),
            GraphEventSignal.class, GraphEventSignal.class))
        .toList();
  }
}
