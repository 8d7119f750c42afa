package dev.ivr.api.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.api.support.ApiHttp;
import dev.ivr.api.support.TemporalTestEnvironment;
import dev.ivr.api.support.TestFlowsDir;
import dev.ivr.api.support.WorkflowHistory;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.OutboundTarget;
import dev.ivr.workflows.call.StepTaken;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Outbound calls: {@code POST /api/calls} starts the call's workflow with a fresh id, and Graph's
 * notifications for it, sent to the callbackUri's {@code ?workflowId=}, reach that workflow.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"ivr.outbound.source-application-instance=9d0c5e2a-0000-4000-8000-0000000000b0",
        "ivr.outbound.tenant-id=2a6c3c4e-0f8c-4d5a-9c8e-0e3a3c2e1f00"})
@Import(TemporalTestEnvironment.class)
@Timeout(60)
class OutboundCallTest {

  static final Path FLOWS = TestFlowsDir.create();

  @DynamicPropertySource
  static void flows(DynamicPropertyRegistry registry) {
    registry.add("ivr.flows.dir", FLOWS::toString);
    registry.add("ivr.notifications.auth.mode", () -> "disabled-for-development");
    registry.add("ivr.security.basic", () -> "enabled-for-development");
    registry.add("ivr.security.users.ops.password", () -> "{noop}ops-secret");
    registry.add("ivr.security.users.ops.roles", () -> "operator");
    registry.add("ivr.flows.routing", () -> FLOWS.resolve("routing.yaml").toString());
    registry.add("ivr.prompts.dir", () -> FLOWS.resolve("prompts").toString());
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
  void postCall_startsTheOutgoingWorkflow_withItsIdAsCallId_andATaggedCallbackUri() {
    HttpResponse<byte[]> response = api.post("/api/calls", "application/json",
        "{\"target\":{\"phone\":\"+14255550100\"},\"flow\":\"goodbye-only\",\"variables\":{\"customer\":\"42\"}}");

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode body = ApiHttp.json(response);
    String workflowId = body.path("workflowId").asText();
    assertThat(workflowId).matches("call-[0-9a-f]{32}");
    assertThat(body.path("flow").asText()).isEqualTo("other");

    CallInput input = WorkflowHistory.startInput(client, workflowId);
    assertThat(input.callId()).isEqualTo(workflowId);
    assertThat(input.direction()).isEqualTo("outgoing");
    assertThat(input.tenantId()).isEqualTo("2a6c3c4e-0f8c-4d5a-9c8e-0e3a3c2e1f00");
    assertThat(input.callbackUri()).isEqualTo("http://127.0.0.1:" + port + "/callbacks/calling?workflowId=" + workflowId);
    assertThat(input.flow().id()).isEqualTo("other");
    assertThat(input.prompts()).containsOnlyKeys("en-US/goodbye");
    assertThat(input.outbound()).isEqualTo(OutboundTarget.phone("+14255550100", "9d0c5e2a-0000-4000-8000-0000000000b0"));
    assertThat(input.variables()).as("the request's variables only: the target travels typed")
        .containsOnlyKeys("customer").containsEntry("customer", "42");
  }

  @Test
  void notificationsWithTheWorkflowIdParameter_reachThatWorkflow_whateverTheGraphCallId() throws IOException {
    String workflowId = ApiHttp.json(api.post("/api/calls", "application/json",
        "{\"target\":{\"user\":\"8b2c6f1e-0000-4000-8000-0000000000a1\"},\"flow\":\"voicemail\"}")).path("workflowId").asText();
    String graphCallId = UUID.randomUUID().toString(); // only Graph knows it; the workflow id travels in the URI

    HttpResponse<byte[]> established = notify(workflowId, "established-without-id.json", graphCallId, "o1");
    HttpResponse<byte[]> terminated = notify(workflowId, "terminated-string-resultinfo.json", graphCallId, "o2");

    assertThat(established.statusCode()).isEqualTo(202);
    JsonNode outcome = ApiHttp.json(established).path("outcomes").path(0);
    assertThat(outcome.path("workflowId").asText()).isEqualTo(workflowId);
    assertThat(outcome.path("outcome").asText()).isEqualTo("delivered");
    assertThat(terminated.statusCode()).isEqualTo(202);
    CallResult result = client.newUntypedWorkflowStub(workflowId).getResult(CallResult.class);
    assertThat(result.path()).extracting(StepTaken::nodeId).containsExactly("state:established", "state:terminated:200/5001");
    assertThat(WorkflowHistory.startInput(client, workflowId).outbound().user())
        .isEqualTo("8b2c6f1e-0000-4000-8000-0000000000a1");
  }

  @Test
  void badRequests_are422_andABadWorkflowIdParameter_is400() throws IOException {
    assertThat(api.post("/api/calls", "application/json",
        "{\"target\":{\"phone\":\"+14255550100\",\"user\":\"u\"},\"flow\":\"voicemail\"}").statusCode()).isEqualTo(422);
    assertThat(api.post("/api/calls", "application/json",
        "{\"target\":{\"phone\":\"4255550100\"},\"flow\":\"voicemail\"}").statusCode()).isEqualTo(422);
    HttpResponse<byte[]> unknown = api.post("/api/calls", "application/json",
        "{\"target\":{\"phone\":\"+14255550100\"},\"flow\":\"nope\"}");
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(ApiHttp.json(unknown).path("detail").asText()).contains("'nope'");

    assertThat(notify("call-not-ours", "established-without-id.json", UUID.randomUUID().toString(), "x").statusCode())
        .isEqualTo(400);
  }

  private HttpResponse<byte[]> notify(String workflowId, String resource, String graphCallId, String messageId)
      throws IOException {
    String body;
    try (InputStream in = getClass().getResourceAsStream("/notifications/" + resource)) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    body = body.replace("521f0b00-ffff-4bc9-a43e-b226498ec22a", graphCallId)
        .replace("521F0B00FFFF4BC9A43EB226498EC22A", graphCallId.replace("-", "").toUpperCase());
    return api.post("/callbacks/calling?workflowId=" + workflowId, "application/json", body,
        "X-Microsoft-Skype-Message-ID", messageId);
  }
}
