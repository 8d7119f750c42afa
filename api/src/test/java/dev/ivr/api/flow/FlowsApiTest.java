package dev.ivr.api.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.api.support.ApiHttp;
import dev.ivr.api.support.TemporalTestEnvironment;
import dev.ivr.api.support.TestFlowsDir;
import dev.ivr.api.support.WorkflowHistory;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallInput;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Flows in the api over a real socket, with a flows directory of its own: routing by called
 * identity, the validate and reload endpoints, and that a reload never changes a running call.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TemporalTestEnvironment.class)
@DirtiesContext
@Timeout(60)
class FlowsApiTest {

  static final Path FLOWS = TestFlowsDir.create();
  static final String SAMPLE_CALL_ID = "521f0b00-ffff-4bc9-a43e-b226498ec22a";

  @DynamicPropertySource
  static void flows(DynamicPropertyRegistry registry) {
    registry.add("ivr.flows.dir", FLOWS::toString);
    registry.add("ivr.notifications.auth.mode", () -> "disabled-for-development");
    registry.add("ivr.security.basic", () -> "enabled-for-development");
    registry.add("ivr.security.users.ops.password", () -> "{noop}ops-secret");
    registry.add("ivr.security.users.ops.roles", () -> "operator");
    registry.add("ivr.flows.routing", () -> FLOWS.resolve("routing.yaml").toString());
    registry.add("ivr.prompts.dir", () -> FLOWS.resolve("prompts").toString());
    registry.add("ivr.calls.time-scale", () -> "4");
  }

  @Value("${local.server.port}")
  int port;

  @Autowired WorkflowClient client;

  ApiHttp api;

  @BeforeEach
  void setUp() {
    api = new ApiHttp(port, Duration.ofSeconds(30)).withBasicAuth("ops", "ops-secret");
  }

  @Test
  void incomingCall_isRoutedByTheCalledIdentity_elseToTheDefault() throws IOException {
    String routed = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();

    assertThat(incoming(routed, TestFlowsDir.ROUTED_APP_INSTANCE).statusCode()).isEqualTo(202);
    assertThat(incoming(other, "00000000-0000-4000-8000-000000000000").statusCode()).isEqualTo(202);

    CallInput routedInput = WorkflowHistory.startInput(client, CallIds.workflowId(routed));
    assertThat(routedInput.flow().id()).isEqualTo("other");
    assertThat(routedInput.prompts()).containsOnlyKeys("en-US/goodbye");
    assertThat(routedInput.variables()).containsExactly(java.util.Map.entry("vip", true));
    assertThat(routedInput.timeouts().timeScale()).isEqualTo(4.0);
    CallInput defaultInput = WorkflowHistory.startInput(client, CallIds.workflowId(other));
    assertThat(defaultInput.flow().id()).isEqualTo("voicemail");
    assertThat(defaultInput.variables()).isEmpty();
  }

  @Test
  void validate_answers200WithIdAndVersion_forYamlAndJson() {
    HttpResponse<byte[]> yaml = api.post("/api/flows/validate", "application/yaml", TestFlowsDir.OTHER_FLOW);
    HttpResponse<byte[]> json = api.post("/api/flows/validate", "application/json",
        "{\"id\":\"j\",\"start\":\"a\",\"nodes\":{\"a\":{\"type\":\"hangup\"}}}");

    assertThat(yaml.statusCode()).isEqualTo(200);
    JsonNode body = ApiHttp.json(yaml);
    assertThat(body.path("valid").asBoolean()).isTrue();
    assertThat(body.path("id").asText()).isEqualTo("other");
    assertThat(body.path("version").asText()).matches("[0-9a-f]{12}");
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(ApiHttp.json(json).path("id").asText()).isEqualTo("j");
  }

  @Test
  void validate_answers422WithEveryErrorNamingLineAndNode() {
    String bad = """
        id: bad
        start: r
        nodes:
          r:
            type: record
            prompt: missing-prompt
            settings: {maxRecordDurationInSeconds: 30}
            next: end
          end: {type: hangup}
          orphan: {type: hangup}
        """;
    HttpResponse<byte[]> response = api.post("/api/flows/validate?name=flows/bad/flow.yaml", "text/plain", bad);

    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode body = ApiHttp.json(response);
    assertThat(body.path("valid").asBoolean()).isFalse();
    assertThat(body.path("errors").get(0).asText())
        .isEqualTo("flows/bad/flow.yaml:10: node 'orphan': unreachable: no path from start leads to this node");
    assertThat(body.path("errors").get(1).asText())
        .startsWith("flows/bad/flow.yaml:6: node 'r': prompt 'missing-prompt' has no en-US audio");
    assertThat(body.path("problems").get(0).path("line").asInt()).isEqualTo(10);
    assertThat(body.path("problems").get(0).path("nodeId").asText()).isEqualTo("orphan");

    HttpResponse<byte[]> limits = api.post("/api/flows/validate", "application/yaml",
        bad.replace("maxRecordDurationInSeconds: 30", "maxRecordDurationInSeconds: 500"));
    assertThat(ApiHttp.json(limits).path("errors").get(0).asText()).isEqualTo(
        "request:7: node 'r': maxRecordDurationInSeconds must be within 1..120 s, got 500 (Graph's recordResponse limit)");
  }

  @Test
  void reload_changesNewCallsOnly_aRunningCallKeepsItsPinnedFlow() throws IOException {
    Path file = FLOWS.resolve("voicemail/flow.yaml");
    String original = Files.readString(file);
    String running = UUID.randomUUID().toString();
    String routed = UUID.randomUUID().toString();
    try {
      assertThat(incoming(running, "someone-unrouted").statusCode()).isEqualTo(202);
      CallInput before = WorkflowHistory.startInput(client, CallIds.workflowId(running));

      Files.writeString(file, original.replace("maxRecordDurationInSeconds: 30", "maxRecordDurationInSeconds: 60"));
      HttpResponse<byte[]> reload = api.post("/api/flows/reload", null, "");
      assertThat(reload.statusCode()).isEqualTo(200);
      String newVersion = ApiHttp.json(reload).path("flows").path("voicemail").asText();
      assertThat(newVersion).isNotEqualTo(before.flow().version());

      assertThat(incoming(routed, "someone-else").statusCode()).isEqualTo(202);
      CallInput after = WorkflowHistory.startInput(client, CallIds.workflowId(routed));
      assertThat(after.flow().version()).isEqualTo(newVersion);

      // the call that was running keeps the definition it started with, and is still running
      CallInput stillPinned = WorkflowHistory.startInput(client, CallIds.workflowId(running));
      assertThat(stillPinned).isEqualTo(before);
      assertThat(stillPinned.flow().version()).isNotEqualTo(newVersion);
      assertThat(client.newUntypedWorkflowStub(CallIds.workflowId(running)).describe().getStatus())
          .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

      // a broken edit is refused whole: the flows stay as they were
      Files.writeString(file, original + "  orphan: {type: hangup}\n");
      HttpResponse<byte[]> refused = api.post("/api/flows/reload", null, "");
      assertThat(refused.statusCode()).isEqualTo(422);
      assertThat(ApiHttp.json(refused).path("reloaded").asBoolean()).isFalse();
      assertThat(ApiHttp.json(refused).path("errors").get(0).asText()).contains("node 'orphan': unreachable");
      assertThat(ApiHttp.json(api.get("/api/flows")).path("flows").findValuesAsText("version")).contains(newVersion);
    } finally {
      Files.writeString(file, original);
      api.post("/api/flows/reload", null, "");
    }
  }

  @Test
  void listsFlowsVersionsAliasesAndRouting() {
    JsonNode list = ApiHttp.json(api.get("/api/flows"));

    assertThat(list.path("flows").findValuesAsText("id")).containsExactlyInAnyOrder("other", "voicemail");
    assertThat(list.path("flows").get(0).path("version").asText()).matches("[0-9a-f]{12}");
    assertThat(list.path("aliases").path("goodbye-only").asText()).isEqualTo("other");
    assertThat(list.path("defaultFlow").asText()).isEqualTo("voicemail");
    assertThat(list.path("routes").path(TestFlowsDir.ROUTED_APP_INSTANCE).path("flow").asText()).isEqualTo("goodbye-only");
  }

  @Test
  void servesTheFlowSchema() {
    HttpResponse<byte[]> response = api.get("/api/flows/schema");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ApiHttp.json(response).path("definitions").path("record").path("properties").has("settings")).isTrue();
  }

  @Test
  void anOversizedFlowFile_is413_andTheApiCarriesOn() {
    String huge = TestFlowsDir.OTHER_FLOW + "# " + "x".repeat(1024 * 1024) + "\n";

    assertThat(api.post("/api/flows/validate", "application/yaml", huge).statusCode()).isEqualTo(413);
    assertThat(api.post("/api/flows/validate", "application/yaml", TestFlowsDir.OTHER_FLOW).statusCode()).isEqualTo(200);
  }

  private HttpResponse<byte[]> incoming(String callId, String calledAppInstance) throws IOException {
    String body;
    try (InputStream in = getClass().getResourceAsStream("/notifications/incoming-phone.json")) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    body = body.replace(SAMPLE_CALL_ID, callId).replace(TestFlowsDir.ROUTED_APP_INSTANCE, calledAppInstance);
    return api.post("/callbacks/calling", "application/json", body, "X-Microsoft-Skype-Message-ID", "m-" + callId);
  }
}
