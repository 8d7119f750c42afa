package dev.ivr.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.api.support.ApiHttp;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Temporal is down: the console's reads and actions answer 503 with Retry-After within the RPC
 * bound, never a 500 and never a hang; the metrics scrape still answers at once.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "ivr.flows.dir=../flows", "ivr.flows.routing=../flows/routing.yaml", "ivr.prompts.dir=../flows/prompts",
      "ivr.temporal.rpc-timeout=1s", "ivr.callback.retry-after=7s",
      "ivr.notifications.auth.mode=disabled-for-development",
      "ivr.security.users.olivia.password={noop}op-secret", "ivr.security.users.olivia.roles=operator"
    })
@Timeout(60)
class ConsoleTemporalUnreachableTest {

  @DynamicPropertySource
  static void closedPort(DynamicPropertyRegistry registry) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    registry.add("spring.temporal.connection.target", () -> "127.0.0.1:" + port);
  }

  @Value("${local.server.port}")
  int port;

  @Test
  void listSnapshotAndAction_are503WithRetryAfter_andTheScrapeStillAnswers() {
    ApiHttp api = new ApiHttp(port, Duration.ofSeconds(20)).withBasicAuth("olivia", "op-secret");
    String call = "/api/calls/call-0123456789abcdef0123456789abcdef";

    for (HttpResponse<byte[]> response : java.util.List.of(api.get("/api/calls"), api.get(call),
        api.get(call + "/timeline"), api.post(call + "/actions", "application/json", "{\"type\":\"hangup\"}"))) {
      assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
      assertThat(ApiHttp.json(response).path("detail").asText()).contains("cannot be reached");
    }
    HttpResponse<byte[]> stream = api.get(call + "/stream", "Accept", "text/event-stream");
    assertThat(stream.statusCode()).isEqualTo(503);
    assertThat(stream.headers().firstValue("Retry-After")).hasValue("7");
    HttpResponse<byte[]> scrape = api.get("/actuator/prometheus");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(new String(scrape.body())).contains("ivr_operator_actions_total{result=\"unavailable\",type=\"hangup\"} 1.0");
  }
}
