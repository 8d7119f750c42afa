package dev.ivr.api.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.api.support.ApiHttp;
import dev.ivr.api.support.TemporalTestEnvironment;
import dev.ivr.api.support.TestFlowsDir;
import dev.ivr.api.support.WorkflowHistory;
import dev.ivr.flowtools.FlowCatalog;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.visibility.CallSearchAttributes;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A split alias in the routing: each new call, incoming or outbound, runs the target its id's bucket
 * picks (the same pick on every api), and carries it in its input and in the search attribute
 * {@code FlowSplit}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"ivr.outbound.source-application-instance=9d0c5e2a-0000-4000-8000-0000000000b0"})
@Import(TemporalTestEnvironment.class)
@Timeout(120)
class SplitRoutingTest {

  static final Path FLOWS = TestFlowsDir.create();

  static {
    TestFlowsDir.write(FLOWS.resolve("routing.yaml"), "default: voicemail\naliases:\n  rollout:\n"
        + "    split: {voicemail: 50, other: 50}\nroutes:\n  \"" + TestFlowsDir.ROUTED_APP_INSTANCE + "\": rollout\n");
  }

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

  @Test
  void eachCallRunsTheTargetItsBucketPicks_andShowsTheSplit() throws IOException {
    ApiHttp api = new ApiHttp(port, Duration.ofSeconds(30)).withBasicAuth("ops", "ops-secret");
    Map<String, Integer> byFlow = new HashMap<>();
    for (int i = 0; i < 30; i++) {
      String graphCallId = UUID.randomUUID().toString();
      HttpResponse<byte[]> response = api.post("/callbacks/calling", "application/json", incoming(graphCallId),
          "X-Microsoft-Skype-Message-ID", "split-" + i);
      assertThat(response.statusCode()).isEqualTo(202);
      String workflowId = ApiHttp.json(response).path("outcomes").path(0).path("workflowId").asText();
      String expected = FlowCatalog.bucket(workflowId) < 50 ? "voicemail" : "other";
      assertRuns(workflowId, expected);
      byFlow.merge(expected, 1, Integer::sum);
    }
    assertThat(byFlow).as("both targets get calls").containsKeys("voicemail", "other");

    HttpResponse<byte[]> outbound = api.post("/api/calls", "application/json",
        "{\"target\":{\"phone\":\"+14255550100\"},\"flow\":\"rollout\"}");
    assertThat(outbound.statusCode()).isEqualTo(202);
    String workflowId = ApiHttp.json(outbound).path("workflowId").asText();
    assertRuns(workflowId, FlowCatalog.bucket(workflowId) < 50 ? "voicemail" : "other");
  }

  private void assertRuns(String workflowId, String flow) {
    CallInput input = WorkflowHistory.startInput(client, workflowId);
    assertThat(input.flow().id()).isEqualTo(flow);
    assertThat(input.split()).isEqualTo("rollout:" + flow);
    assertThat(client.newUntypedWorkflowStub(workflowId).describe().getTypedSearchAttributes()
        .get(CallSearchAttributes.FLOW_SPLIT)).isEqualTo("rollout:" + flow);
  }

  private String incoming(String graphCallId) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/notifications/incoming-phone.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("521f0b00-ffff-4bc9-a43e-b226498ec22a", graphCallId)
          .replace("521F0B00FFFF4BC9A43EB226498EC22A", graphCallId.replace("-", "").toUpperCase());
    }
  }
}
