package dev.ivr.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.api.support.ApiHttp;
import dev.ivr.flowtools.FlowLoader;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallWorkflow;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.operator.OperatorAction;
import dev.ivr.workflows.visibility.CallIndexEntry;
import dev.ivr.workflows.visibility.CallIndexWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's REST and SSE over real HTTP, against real (in-memory) Temporal running scripted
 * call and call-index workflows: who may do what, validation, unknown calls, timelines, recordings
 * with Range, live updates, and the api's metrics moving on a real scrape.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ConsoleApiTest.ScriptedTemporal.class)
@Timeout(90)
@ExtendWith(OutputCaptureExtension.class)
class ConsoleApiTest {

  static final Path RECORDINGS = temp("ivr-recordings-");
  static final Path OUTSIDE = temp("ivr-outside-");
  static final Flow MAIN_MENU = FlowLoader.load(Path.of("../flows/main-menu/flow.yaml")).flow();

  @TestConfiguration(proxyBeanMethods = false)
  static class ScriptedTemporal {
    @Bean(destroyMethod = "close")
    TestWorkflowEnvironment testWorkflowEnvironment() {
      TestWorkflowEnvironment env =
          TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
      env.newWorker(CallIds.TASK_QUEUE)
          .registerWorkflowImplementationTypes(ScriptedCallWorkflow.class, ScriptedCallIndexWorkflow.class);
      env.start();
      return env;
    }

    @Bean
    WorkflowClient workflowClient(TestWorkflowEnvironment env) {
      return env.getWorkflowClient();
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("ivr.flows.dir", () -> "../flows");
    registry.add("ivr.flows.routing", () -> "../flows/routing.yaml");
    registry.add("ivr.prompts.dir", () -> "../flows/prompts");
    registry.add("ivr.recordings.dir", RECORDINGS::toString);
    registry.add("ivr.notifications.auth.mode", () -> "disabled-for-development");
    registry.add("ivr.console.poll-interval", () -> "100ms");
    registry.add("ivr.security.basic", () -> "enabled-for-development");
    registry.add("ivr.security.users.olivia.password", () -> "{noop}op-secret");
    registry.add("ivr.security.users.olivia.roles", () -> "operator");
    registry.add("ivr.security.users.victor.password", () -> "{noop}view-secret");
    registry.add("ivr.security.users.victor.roles", () -> "viewer");
  }

  @Value("${local.server.port}")
  int port;

  @Autowired WorkflowClient client;
  @Autowired CallLiveness liveness;
  @Autowired CallQueries queries;

  ApiHttp anonymous;
  ApiHttp operator;
  ApiHttp viewer;

  @BeforeEach
  void setUp() {
    anonymous = new ApiHttp(port, Duration.ofSeconds(30));
    operator = anonymous.withBasicAuth("olivia", "op-secret");
    viewer = anonymous.withBasicAuth("victor", "view-secret");
  }

  @Test
  void anonymous_is401_everywhereButScrapeAndHealth() {
    for (String path : List.of("/api/calls", "/api/me", "/console/", "/api/calls/" + newWorkflowId(),
        "/api/flows/main-menu/graph")) {
      assertThat(anonymous.get(path).statusCode()).as(path).isEqualTo(401);
    }
    assertThat(anonymous.post("/api/calls/" + newWorkflowId() + "/actions", "application/json", "{\"type\":\"hangup\"}")
        .statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/actuator/prometheus").statusCode()).isEqualTo(200);
  }

  @Test
  void me_tellsTheConsoleWhoMayAct() {
    JsonNode me = ApiHttp.json(viewer.get("/api/me"));
    assertThat(me.path("user").asText()).isEqualTo("victor");
    assertThat(me.path("canAct").asBoolean()).isFalse();
    assertThat(ApiHttp.json(operator.get("/api/me")).path("canAct").asBoolean()).isTrue();
  }

  @Test
  void consolePage_isServedToViewers() {
    HttpResponse<byte[]> page = viewer.get("/console/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("IVR operator console", "console.js");
    assertThat(viewer.get("/console/console.js").statusCode()).isEqualTo(200);
  }

  @Test
  void callList_withoutIndex_isEmptyAndSaysSo_thenListsLiveCallsFirstWithTheirNode_andTemporalClosedOnesEnded()
      throws Exception {
    JsonNode none = ApiHttp.json(viewer.get("/api/calls"));
    assertThat(none.path("indexAvailable").asBoolean(true)).isFalse();
    assertThat(none.path("calls")).isEmpty();
    assertThat(none.path("note").asText()).contains(CallIds.CALL_INDEX_WORKFLOW_ID);

    String live = start(Map.of());
    CallIndexEntry ended = new CallIndexEntry("ended-1", newWorkflowId(), "voicemail", "v1", "incoming", null,
        1_000, 2_000, "COMPLETED");
    CallIndexEntry running = new CallIndexEntry(live.substring(5), live, "main-menu", MAIN_MENU.version(), "incoming",
        null, 500, 0, null);
    WorkflowClient.start(client.newWorkflowStub(CallIndexWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(CallIds.CALL_INDEX_WORKFLOW_ID).setTaskQueue(CallIds.TASK_QUEUE).build())::run,
        List.of(running, ended));

    JsonNode list = ApiHttp.json(viewer.get("/api/calls?limit=10"));
    assertThat(list.path("indexAvailable").asBoolean()).isTrue();
    assertThat(list.path("calls")).hasSize(2);
    JsonNode first = list.path("calls").get(0);
    assertThat(first.path("workflowId").asText()).isEqualTo(live);
    assertThat(first.path("live").asBoolean()).isTrue();
    assertThat(first.path("currentNode").asText()).isEqualTo("sales");
    assertThat(first.path("callState").asText()).isEqualTo("established");
    assertThat(list.path("calls").get(1).path("outcome").asText()).isEqualTo("COMPLETED");
    assertThat(viewer.get("/api/calls?limit=0").statusCode()).isEqualTo(400);

    try (BufferedReader events = openStream("/api/calls/stream?limit=10")) {
      assertThat(nextData(events, "calls")).contains("\"indexAvailable\":true", live);
    }

    // a call terminated in Temporal never reports its end to the index: still shown ended, not counted live
    String terminated = start(Map.of());
    CallIndexWorkflow index = client.newWorkflowStub(CallIndexWorkflow.class, CallIds.CALL_INDEX_WORKFLOW_ID);
    index.report(new CallIndexEntry(terminated.substring(5), terminated, "main-menu", MAIN_MENU.version(), "incoming",
        null, 600, 0, null));
    client.newUntypedWorkflowStub(terminated).terminate("stuck");

    JsonNode after = ApiHttp.json(viewer.get("/api/calls?limit=10"));
    assertThat(after.path("calls")).hasSize(3);
    assertThat(after.path("calls").get(0).path("workflowId").asText()).isEqualTo(live);
    JsonNode closed = row(after, terminated);
    assertThat(closed.path("live").asBoolean(true)).isFalse();
    assertThat(closed.path("outcome").asText()).isEqualTo("TERMINATED");
    // what ivr_active_calls counts: the one running call
    assertThat(liveness.countLive(index.recent(10), 25)).isEqualTo(1);
    // a workflow Temporal no longer has is ended too, without a status
    assertThat(liveness.ended(newWorkflowId())).hasValue("");
  }

  @Test
  void liveness_asksAgainAboutARunningCall_onlyAfterTheRecheckInterval() {
    String workflowId = start(Map.of());
    long[] now = {1_000_000};
    CallLiveness fresh = new CallLiveness(queries, () -> now[0]);
    assertThat(fresh.ended(workflowId)).isEmpty();
    client.newUntypedWorkflowStub(workflowId).terminate("stuck");

    assertThat(fresh.needsAsking(workflowId)).isFalse();
    assertThat(fresh.ended(workflowId)).isEmpty();
    now[0] += CallLiveness.RECHECK_MILLIS;
    assertThat(fresh.ended(workflowId)).hasValue("TERMINATED");
    // closed is for good: remembered, never asked again
    assertThat(fresh.needsAsking(workflowId)).isFalse();
    assertThat(fresh.known(workflowId)).hasValue("TERMINATED");
  }

  private static JsonNode row(JsonNode calls, String workflowId) {
    for (JsonNode row : calls.path("calls")) {
      if (row.path("workflowId").asText().equals(workflowId)) {
        return row;
      }
    }
    throw new AssertionError(workflowId + " is not in the list " + calls);
  }

  /** The targets of the operator signals the call received, read from its history. */
  private List<String> signalledTargets(String workflowId) {
    List<String> targets = new ArrayList<>();
    for (HistoryEvent event : client.fetchHistory(workflowId).getEvents()) {
      if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) {
        OperatorAction action = DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(0,
            Optional.of(event.getWorkflowExecutionSignaledEventAttributes().getInput()), OperatorAction.class,
            OperatorAction.class);
        if (action.target() != null) {
          targets.add(action.target());
        }
      }
    }
    return targets;
  }

  @Test
  void snapshotAndTimeline_tellTheCallInIvrTerms_andPassTheWorkflowsRedactionThrough() {
    String workflowId = start(Map.of("secret", "pin-97531", "plain", "blue"));

    HttpResponse<byte[]> answer = viewer.get("/api/calls/" + workflowId);
    JsonNode snapshot = ApiHttp.json(answer);
    assertThat(snapshot.path("flowId").asText()).isEqualTo("main-menu");
    assertThat(snapshot.path("currentNode").asText()).isEqualTo("sales");
    // what the workflow shows for a redacted variable, served as is; its value nowhere in the answer
    assertThat(snapshot.path("variables").path("secret").asText()).isEqualTo(ScriptedCallWorkflow.HIDDEN);
    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).doesNotContain("pin-97531");
    assertThat(snapshot.path("variables").path("plain").asText()).isEqualTo("blue");

    JsonNode timeline = ApiHttp.json(viewer.get("/api/calls/" + workflowId + "/timeline"));
    List<String> texts = new ArrayList<>();
    timeline.path("entries").forEach(e -> texts.add(e.path("text").asText()));
    assertThat(texts).contains("Call connected", "Pressed 1 at menu menu");

    // a Graph call id in any form reaches the same workflow
    String graphId = workflowId.substring(5).toUpperCase();
    assertThat(ApiHttp.json(viewer.get("/api/calls/" + graphId)).path("workflowId").asText()).isEqualTo(workflowId);
  }

  @Test
  void unknownCall_is404_andMalformedId_is400() {
    HttpResponse<byte[]> unknown = viewer.get("/api/calls/" + newWorkflowId());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(ApiHttp.json(unknown).path("detail").asText()).contains("no call");
    assertThat(viewer.get("/api/calls/" + newWorkflowId() + "/timeline").statusCode()).isEqualTo(404);
    assertThat(viewer.get("/api/calls/not..an-id!").statusCode()).isEqualTo(400);
    assertThat(operator.post("/api/calls/" + newWorkflowId() + "/actions", "application/json", "{\"type\":\"hangup\"}")
        .statusCode()).isEqualTo(404);
  }

  @Test
  void actions_viewerIs403_badRequestsAre422_andOperatorHangupEndsTheCall(CapturedOutput output) {
    String workflowId = start(Map.of());
    String path = "/api/calls/" + workflowId + "/actions";

    assertThat(viewer.post(path, "application/json", "{\"type\":\"hangup\"}").statusCode()).isEqualTo(403);
    HttpResponse<byte[]> unknownType = operator.post(path, "application/json", "{\"type\":\"explode\"}");
    assertThat(unknownType.statusCode()).isEqualTo(422);
    HttpResponse<byte[]> notE164 = operator.post(path, "application/json",
        "{\"type\":\"transfer\",\"targetKind\":\"phone\",\"target\":\"0123\"}");
    assertThat(notE164.statusCode()).isEqualTo(422);
    // the reason is the one the call itself would reject the action with
    assertThat(ApiHttp.json(notE164).path("detail").asText()).isEqualTo(
        OperatorAction.transfer(null, null, null, "0123", OperatorAction.PHONE).problem().orElseThrow());
    assertThat(ApiHttp.json(unknownType).path("detail").asText()).contains("unknown action type 'explode'");
    assertThat(operator.post(path, "application/json",
        "{\"type\":\"transfer\",\"targetKind\":\"user\",\"target\":\"not-a-guid\"}").statusCode()).isEqualTo(422);
    assertThat(operator.post(path, "application/json", "{\"type\":\"announce\",\"promptKey\":\"\"}").statusCode())
        .isEqualTo(422);
    assertThat(ApiHttp.json(viewer.get("/api/calls/" + workflowId)).path("audit")).isEmpty();

    HttpResponse<byte[]> accepted = operator.post(path, "application/json",
        "{\"type\":\"transfer\",\"targetKind\":\"phone\",\"target\":\" +14255550100 \",\"reason\":\"vip\"}");
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(ApiHttp.json(accepted).path("operator").asText()).isEqualTo("olivia");
    assertThat(new String(accepted.body(), StandardCharsets.UTF_8)).doesNotContain("14255550100");
    // the call got the number itself (trimmed); the api's own log line names the action, not the number
    assertThat(signalledTargets(workflowId)).containsExactly("+14255550100");
    assertThat(output.getAll()).contains("Operator action on " + workflowId).doesNotContain("14255550100");
    assertThat(operator.post(path, "application/json", "{\"type\":\"hangup\",\"reason\":\"abusive\"}").statusCode())
        .isEqualTo(202);

    JsonNode ended = ApiHttp.json(viewer.get("/api/calls/" + workflowId));
    assertThat(ended.path("outcome").asText()).isEqualTo("OPERATOR_HUNG_UP");
    JsonNode audit = ended.path("audit");
    assertThat(audit).hasSize(2);
    // what the workflow shows for the target, served as is
    assertThat(audit.get(0).path("action").path("target").asText()).isEqualTo(ScriptedCallWorkflow.HIDDEN);
    assertThat(audit.get(1).path("action").path("operator").asText()).isEqualTo("olivia");
    assertThat(audit.get(1).path("action").path("requestedAt").asText()).matches("\\d{4}-.*Z");
    List<String> texts = new ArrayList<>();
    ApiHttp.json(viewer.get("/api/calls/" + workflowId + "/timeline")).path("entries")
        .forEach(e -> texts.add(e.path("text").asText()));
    assertThat(texts).contains("Operator olivia hung up", "Operator olivia transferred the call to a number");
    assertThat(String.join(" ", texts)).doesNotContain("14255550100");
    // the call has ended: nothing left to act on
    assertThat(operator.post(path, "application/json", "{\"type\":\"hangup\"}").statusCode()).isEqualTo(404);
  }

  @Test
  void recordings_streamAsWav_withRanges_andNothingOutsideTheStoreIsServed() throws IOException {
    byte[] wav = new byte[4_000];
    for (int i = 0; i < wav.length; i++) {
      wav[i] = (byte) i;
    }
    Path file = Files.write(RECORDINGS.resolve("call-a.wav"), wav);
    String workflowId = start(Map.of("recording", file.toString()));

    HttpResponse<byte[]> whole = viewer.get("/api/calls/" + workflowId + "/recordings/0");
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.headers().firstValue("Content-Type")).hasValue("audio/wav");
    assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(whole.body()).isEqualTo(wav);

    HttpResponse<byte[]> part = viewer.get("/api/calls/" + workflowId + "/recordings/0", "Range", "bytes=100-199");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-199/4000");
    assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(wav, 100, 200));

    assertThat(viewer.get("/api/calls/" + workflowId + "/recordings/1").statusCode()).isEqualTo(404);

    Path secret = Files.writeString(OUTSIDE.resolve("passwd"), "not a recording");
    String escaping = start(Map.of("recording", RECORDINGS.resolve("../" + OUTSIDE.getFileName() + "/passwd").toString()));
    assertThat(Files.exists(secret)).isTrue();
    assertThat(viewer.get("/api/calls/" + escaping + "/recordings/0").statusCode()).isEqualTo(404);
    Files.createSymbolicLink(RECORDINGS.resolve("link.wav"), secret);
    String linked = start(Map.of("recording", RECORDINGS.resolve("link.wav").toString()));
    assertThat(viewer.get("/api/calls/" + linked + "/recordings/0").statusCode()).isEqualTo(404);
  }

  @Test
  void callStream_deliversTheSnapshot_thenTheChange_thenEnds() throws Exception {
    String workflowId = start(Map.of());
    try (BufferedReader events = openStream("/api/calls/" + workflowId + "/stream")) {
      String first = nextData(events, "snapshot");
      assertThat(first).contains("\"currentNode\":\"sales\"").contains("\"outcome\":null");

      assertThat(operator.post("/api/calls/" + workflowId + "/actions", "application/json", "{\"type\":\"hangup\"}")
          .statusCode()).isEqualTo(202);

      assertThat(nextData(events, "snapshot")).contains("\"outcome\":\"OPERATOR_HUNG_UP\"");
      assertThat(nextData(events, "ended")).isEqualTo("{}");
    }
  }

  @Test
  void prometheus_showsWebhookOperatorAndActiveCallMeters_moving() throws Exception {
    String before = scrape();
    double accepted = value(before, "ivr_webhook_latency_seconds_count\\{outcome=\"accepted\"}");
    HttpResponse<byte[]> webhook = anonymous.post("/callbacks/calling", "application/json",
        sample("playprompt-completed.json"), "X-Microsoft-Skype-Message-ID", "m-1");
    assertThat(webhook.statusCode()).isEqualTo(202);
    assertThat(anonymous.post("/callbacks/calling", "application/json", "{not json").statusCode()).isEqualTo(400);
    String workflowId = start(Map.of());
    operator.post("/api/calls/" + workflowId + "/actions", "application/json", "{\"type\":\"announce\",\"promptKey\":\"goodbye\"}");
    operator.post("/api/calls/" + workflowId + "/actions", "application/json", "{\"type\":\"announce\"}");

    String after = scrape();
    assertThat(value(after, "ivr_webhook_latency_seconds_count\\{outcome=\"accepted\"}")).isEqualTo(accepted + 1);
    assertThat(value(after, "ivr_webhook_latency_seconds_count\\{outcome=\"rejected\"}")).isGreaterThanOrEqualTo(1);
    assertThat(after).containsPattern("ivr_webhook_notifications_total\\{changeType=\"(deleted|updated)\",result=\"[a-z-]+\"}");
    assertThat(value(after, "ivr_operator_actions_total\\{result=\"accepted\",type=\"announce\"}")).isGreaterThanOrEqualTo(1);
    assertThat(value(after, "ivr_operator_actions_total\\{result=\"invalid\",type=\"announce\"}")).isGreaterThanOrEqualTo(1);
    assertThat(after).contains("ivr_active_calls");
    // Spring's request timer stays, by URI template, and sign-ins keep theirs; Spring Security's
    // per-filter and per-authorization observations are off
    assertThat(after).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/callbacks/calling\"");
    assertThat(after).contains("spring_security_authentications_seconds_count")
        .doesNotContain("spring_security_authorizations").doesNotContain("spring_security_filterchains")
        .doesNotContain("spring_security_http_secured_requests");
    assertThat(after).doesNotContain(workflowId).doesNotContain("olivia");
  }

  private String scrape() {
    HttpResponse<byte[]> response = anonymous.get("/actuator/prometheus");
    assertThat(response.statusCode()).isEqualTo(200);
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  static double value(String scrape, String series) {
    Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private BufferedReader openStream(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", ApiHttp.basic("victor", "view-secret"))
        .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).GET().build();
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
  }

  private static String nextData(BufferedReader events, String name) throws IOException {
    String event = null;
    for (String line; (line = events.readLine()) != null; ) {
      if (line.startsWith("event:")) {
        event = line.substring(6).trim();
      } else if (line.startsWith("data:") && name.equals(event)) {
        return line.substring(5);
      }
    }
    throw new AssertionError("the stream ended before a '" + name + "' event");
  }

  private String start(Map<String, Object> variables) {
    String callId = UUID.randomUUID().toString();
    String workflowId = CallIds.workflowId(callId);
    CallWorkflow call = client.newWorkflowStub(CallWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId).setTaskQueue(CallIds.TASK_QUEUE).build());
    WorkflowClient.start(call::run, new CallInput(callId, null, "incoming", "http://127.0.0.1/callbacks/calling",
        MAIN_MENU, null, Map.of(), variables, null));
    return workflowId;
  }

  private static String newWorkflowId() {
    return CallIds.workflowId(UUID.randomUUID().toString());
  }

  private static String sample(String name) throws IOException {
    try (InputStream in = ConsoleApiTest.class.getResourceAsStream("/notifications/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Path temp(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
