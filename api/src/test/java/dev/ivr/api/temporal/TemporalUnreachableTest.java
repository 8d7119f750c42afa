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
 * for the SDK's default minute of retries. Graph then redelivers; nothing is lost.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "ivr.flows.dir=../flows", "ivr.flows.routing=../flows/routing.yaml",
      "ivr.prompts.dir=../flows/prompts",
      "ivr.temporal.rpc-timeout=2s",
      "ivr.callback.retry-after=7s",
      "ivr.notifications.auth.mode=disabled-for-development"
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

  private static String sample(String name) throws IOException {
    try (InputStream in = TemporalUnreachableTest.class.getResourceAsStream("/notifications/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
