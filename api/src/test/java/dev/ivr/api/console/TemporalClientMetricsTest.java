package dev.ivr.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.api.support.ApiHttp;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The api's own Temporal client, over gRPC to a port-bound Temporal test server: a fresh cluster
 * has no call index (an empty list that says so, not a 500), and the SDK's client metrics reach
 * {@code /actuator/prometheus}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "ivr.flows.dir=../flows", "ivr.flows.routing=../flows/routing.yaml", "ivr.prompts.dir=../flows/prompts",
      "ivr.notifications.auth.mode=disabled-for-development",
      "ivr.security.users.victor.password={noop}view-secret", "ivr.security.users.victor.roles=viewer"
    })
@Timeout(60)
class TemporalClientMetricsTest {

  static TestServer.PortBoundTestServer temporal;

  @DynamicPropertySource
  static void temporal(DynamicPropertyRegistry registry) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    temporal = TestServer.createPortBoundServer(port);
    registry.add("spring.temporal.connection.target", () -> "127.0.0.1:" + port);
  }

  @AfterAll
  static void stop() {
    temporal.close();
  }

  @Value("${local.server.port}")
  int port;

  @Test
  void freshCluster_listsNoCallsWithIndexUnavailable_andTheSdkClientMetricsAreScraped() throws Exception {
    ApiHttp api = new ApiHttp(port, Duration.ofSeconds(20)).withBasicAuth("victor", "view-secret");

    HttpResponse<byte[]> list = api.get("/api/calls");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(ApiHttp.json(list).path("indexAvailable").asBoolean(true)).isFalse();

    String scrape = "";
    // wait for the query's own series: the client's other requests (GetSystemInfo, List…) may be reported
    // one report (1 s) earlier, which once ended the wait too soon
    java.util.regex.Pattern query = java.util.regex.Pattern.compile("temporal_request_total\\{[^}]*operation=\"QueryWorkflow\"");
    for (int i = 0; i < 50 && !query.matcher(scrape).find(); i++) {
      Thread.sleep(200); // the SDK reports its client metrics once a second
      scrape = new String(api.get("/actuator/prometheus").body(), StandardCharsets.UTF_8);
    }
    assertThat(scrape).containsPattern("temporal_request_total\\{[^}]*operation=\"QueryWorkflow\"");
  }
}
