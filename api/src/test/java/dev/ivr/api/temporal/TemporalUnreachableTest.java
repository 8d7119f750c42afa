package dev.ivr.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.api.support.ApiHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Temporal is down (the client points at a closed local port): the api still starts, and the
 * webhook answers 503 with Retry-After within {@code ivr.temporal.rpc-timeout} instead of hanging
 * for the SDK's default minute of retries. Graph then redelivers; nothing is lost. The operator
 * console's reads, streams and actions answer the same way, and the metrics scrape still answers.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "ivr.flows.dir=../flows", "ivr.flows.routing=../flows/routing.yaml",
      "ivr.prompts.dir=../flows/prompts",
      "ivr.temporal.rpc-timeout=2s",
      "ivr.callback.retry-after=7s",
      "ivr.notifications.auth.mode=disabled-for-development",
      "ivr.security.basic=enabled-for-development",
      "ivr.security.users.olivia.password={noop}op-secret", "ivr.security.users.olivia.roles=operator"
    })
@Timeout(60)
class TemporalUnreachableTest {

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
  void incomingCall_whileTemporalIsDown_is503WithRetryAfter_withinTheRpcBound() throws IOException {
    // the client gives up well before the SDK's default of a minute of retries
    ApiHttp api = new ApiHttp(port, Duration.ofSeconds(20));

    HttpResponse<byte[]> response =
        api.post("/callbacks/calling", "application/json", sample("incoming-phone.json"), "X-Microsoft-Skype-Message-ID", "m-1");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(ApiHttp.json(response).path("failedIndex").asInt()).isZero();
  }

  @Test
  void malformedBody_isStill400_withoutTouchingTemporal() {
    ApiHttp api = new ApiHttp(port, Duration.ofSeconds(20));

    assertThat(api.post("/callbacks/calling", "application/json", "{").statusCode()).isEqualTo(400);
  }

  @Test
  void consoleReadsStreamsAndActions_are503WithRetryAfter_andTheScrapeStillAnswers() {
    ApiHttp api = new ApiHttp(port, Duration.ofSeconds(20)).withBasicAuth("olivia", "op-secret");
    String call = "/api/calls/call-0123456789abcdef0123456789abcdef";

    for (HttpResponse<byte[]> response : java.util.List.of(api.get("/api/calls"), api.get(call),
        api.get(call + "/timeline"), api.get(call + "/stream", "Accept", "text/event-stream"),
        api.post(call + "/actions", "application/json", "{\"type\":\"hangup\"}"))) {
      assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
      assertThat(ApiHttp.json(response).path("detail").asText()).contains("cannot be reached");
    }
    HttpResponse<byte[]> scrape = api.get("/actuator/prometheus");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(new String(scrape.body(), StandardCharsets.UTF_8))
        .contains("ivr_operator_actions_total{result=\"unavailable\",type=\"hangup\"} 1.0");
  }

  private static String sample(String name) throws IOException {
    try (InputStream in = TemporalUnreachableTest.class.getResourceAsStream("/notifications/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
