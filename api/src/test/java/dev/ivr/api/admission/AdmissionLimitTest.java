package dev.ivr.api.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.api.support.ApiHttp;
import dev.ivr.api.support.TemporalTestEnvironment;
import dev.ivr.api.support.TestFlowsDir;
import dev.ivr.api.support.WorkflowHistory;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.visibility.CallSearchAttributes;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
 * One limit of live calls for outbound and incoming calls together (here 2): past it an outbound
 * request is 429 with Retry-After, and an incoming call starts as a busy reject (never silence);
 * the metric counts both refusals. The Java test server has no visibility and these calls report
 * to no call index, so the count is this api's delta (kept a minute here).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"ivr.outbound.source-application-instance=9d0c5e2a-0000-4000-8000-0000000000b0",
        "ivr.admission.max-live-calls=2", "ivr.admission.visibility-lag=1m"})
@Import(TemporalTestEnvironment.class)
@Timeout(60)
class AdmissionLimitTest {

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
  @Autowired MeterRegistry meters;

  @Test
  void pastTheLimit_outboundIs429_incomingIsRejectedBusy_andRetriesOfAdmittedCallsStillAnswer() throws IOException {
    ApiHttp api = new ApiHttp(port, Duration.ofSeconds(30)).withBasicAuth("ops", "ops-secret");
    String call = "{\"target\":{\"phone\":\"+14255550100\"},\"flow\":\"voicemail\"}";

    HttpResponse<byte[]> first = api.post("/api/calls", "application/json", call, "Idempotency-Key", "first");
    HttpResponse<byte[]> second = api.post("/api/calls", "application/json", call);
    HttpResponse<byte[]> third = api.post("/api/calls", "application/json", call);

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(second.statusCode()).isEqualTo(202);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(ApiHttp.json(third).path("detail").asText()).contains("limit of 2 live calls");

    HttpResponse<byte[]> retried = api.post("/api/calls", "application/json", call, "Idempotency-Key", "first");
    assertThat(retried.statusCode()).as("a retry finds its call, even at the limit").isEqualTo(200);
    assertThat(ApiHttp.json(retried).path("workflowId").asText())
        .isEqualTo(ApiHttp.json(first).path("workflowId").asText());

    String graphCallId = UUID.randomUUID().toString();
    HttpResponse<byte[]> incoming = api.post("/callbacks/calling", "application/json", incoming(graphCallId),
        "X-Microsoft-Skype-Message-ID", "busy-1");
    assertThat(incoming.statusCode()).isEqualTo(202);
    JsonNode outcome = ApiHttp.json(incoming).path("outcomes").path(0);
    assertThat(outcome.path("outcome").asText()).isEqualTo("delivered");
    String workflowId = outcome.path("workflowId").asText();
    CallInput input = WorkflowHistory.startInput(client, workflowId);
    assertThat(input.admission()).isEqualTo(CallInput.BUSY_REJECT);
    assertThat(input.rejectsBusy()).isTrue();
    assertThat(client.newUntypedWorkflowStub(workflowId).describe().getTypedSearchAttributes()
        .get(CallSearchAttributes.ADMISSION)).isEqualTo(CallInput.BUSY_REJECT);

    assertThat(meters.get("ivr.admission.refused").tags("direction", "outbound").counter().count()).isEqualTo(1);
    assertThat(meters.get("ivr.admission.refused").tags("direction", "incoming", "answer", "busy-reject").counter()
        .count()).isEqualTo(1);
  }

  private String incoming(String graphCallId) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/notifications/incoming-phone.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("521f0b00-ffff-4bc9-a43e-b226498ec22a", graphCallId)
          .replace("521F0B00FFFF4BC9A43EB226498EC22A", graphCallId.replace("-", "").toUpperCase());
    }
  }
}
