package dev.ivr.api.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.api.support.ApiHttp;
import dev.ivr.api.support.TemporalTestEnvironment;
import dev.ivr.api.support.TestFlowsDir;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code Idempotency-Key} on {@code POST /api/calls}: a retry answers with the call the key started
 * (200, {@code Idempotent-Replayed}); the key with another request is 422. And the rate cap (burst 3,
 * then 1 call every 100 s): the fourth new call is 429 with Retry-After.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"ivr.outbound.source-application-instance=9d0c5e2a-0000-4000-8000-0000000000b0",
        "ivr.outbound.max-calls-per-second=0.01", "ivr.outbound.burst=3"})
@Import(TemporalTestEnvironment.class)
@Timeout(60)
class OutboundIdempotencyTest {

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

  @Test
  void aKeyStartsOneCall_retriesGetIt_anotherRequestUnderItIs422_andTheRateCapIs429() {
    ApiHttp api = new ApiHttp(port, Duration.ofSeconds(30)).withBasicAuth("ops", "ops-secret");
    String key = UUID.randomUUID().toString();
    String call = "{\"target\":{\"phone\":\"+14255550100\"},\"flow\":\"voicemail\",\"variables\":{\"a\":1,\"b\":{\"x\":1,\"y\":2}}}";
    String sameCallOtherOrder = "{\"flow\":\"voicemail\",\"variables\":{\"b\":{\"y\":2,\"x\":1},\"a\":1},\"target\":{\"phone\":\"+14255550100\"}}";

    HttpResponse<byte[]> first = api.post("/api/calls", "application/json", call, "Idempotency-Key", key);
    HttpResponse<byte[]> again = api.post("/api/calls", "application/json", sameCallOtherOrder, "Idempotency-Key", key);
    HttpResponse<byte[]> other = api.post("/api/calls", "application/json",
        call.replace("+14255550100", "+14255550199"), "Idempotency-Key", key);
    HttpResponse<byte[]> badKey = api.post("/api/calls", "application/json", call, "Idempotency-Key", "has space");

    assertThat(first.statusCode()).isEqualTo(202);
    String workflowId = ApiHttp.json(first).path("workflowId").asText();
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(ApiHttp.json(again).path("workflowId").asText()).isEqualTo(workflowId);
    assertThat(ApiHttp.json(again).path("flow").asText()).isEqualTo(ApiHttp.json(first).path("flow").asText());
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(ApiHttp.json(other).path("detail").asText()).contains(workflowId).contains("different request");
    assertThat(badKey.statusCode()).isEqualTo(422);

    assertThat(api.post("/api/calls", "application/json", call).statusCode()).isEqualTo(202);
    assertThat(api.post("/api/calls", "application/json", call).statusCode()).isEqualTo(202);
    HttpResponse<byte[]> capped = api.post("/api/calls", "application/json", call);
    assertThat(capped.statusCode()).as("burst 3 spent: first, and two more").isEqualTo(429);
    assertThat(Long.parseLong(capped.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 100L);
    assertThat(ApiHttp.json(capped).path("detail").asText()).contains("rate cap");
  }
}
