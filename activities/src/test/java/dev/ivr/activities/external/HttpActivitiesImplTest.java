package dev.ivr.activities.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ivr.workflows.external.HttpActivities;
import dev.ivr.workflows.external.OutboundHttpRequest;
import dev.ivr.workflows.external.OutboundHttpResponse;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The http node's activity against a local server over real HTTP. */
class HttpActivitiesImplTest {
  private ExternalServer server;
  private HttpActivitiesImpl activities;
  private ListAppender<ILoggingEvent> logs;
  private Logger logger;

  @BeforeEach
  void setUp() throws Exception {
    server = new ExternalServer();
    activities = new HttpActivitiesImpl();
    logger = (Logger) LoggerFactory.getLogger(HttpActivitiesImpl.class);
    logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void tearDown() {
    logger.detachAppender(logs);
    server.close();
  }

  @Test
  void jsonAnswer_isParsed_headersLowerCased_andTheJsonBodyIsSentAsJson() {
    OutboundHttpResponse response = activities.request(new OutboundHttpRequest("post", server.url("/json?lang=en"),
        Map.of("X-Api-Key", "k-123", "Accept", "application/json"), "{\"caller\":\"+12065550100\"}", 2_000));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).startsWith("{\"customer\"").contains("Zoë");
    Map<String, Object> expected = new HashMap<>();
    expected.put("customer", Map.of("id", 42, "name", "Zoë", "vip", true));
    expected.put("orders", List.of(1, 2.5, "three"));
    expected.put("none", null);
    assertThat(response.json()).isEqualTo(expected);
    assertThat(response.headers()).containsEntry("x-trace-id", "trace-1")
        .containsEntry("x-multi", "a, b")
        .containsEntry("content-type", "application/json; charset=utf-8");
    assertThat(response.headers().keySet()).allSatisfy(name -> assertThat(name).isLowerCase());

    ExternalServer.Recorded received = server.requests.get(0);
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.path()).isEqualTo("/json");
    assertThat(received.query()).isEqualTo("lang=en");
    assertThat(received.header("Content-Type")).isEqualTo("application/json");
    assertThat(received.header("X-Api-Key")).isEqualTo("k-123");
    assertThat(received.body()).isEqualTo("{\"caller\":\"+12065550100\"}");
  }

  @Test
  void suffixJson_isParsed_andACallersOwnContentTypeIsKept() {
    OutboundHttpResponse response = activities.request(new OutboundHttpRequest("PATCH", server.url("/problem"),
        Map.of("Content-Type", "application/merge-patch+json"), "{\"a\":1}", 2_000));

    assertThat(response.json()).isEqualTo(List.of("a", Map.of("b", 1)));
    assertThat(server.requests.get(0).header("Content-Type")).isEqualTo("application/merge-patch+json");
    assertThat(server.requests.get(0).headers().get("Content-type")).hasSize(1);
  }

  @Test
  void textAnswer_hasABodyButNoJson_andAGetSendsNoBody() {
    OutboundHttpResponse response = activities.request(new OutboundHttpRequest(null, server.url("/text"),
        null, null, 2_000));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("plain hello");
    assertThat(response.json()).isNull();
    assertThat(server.requests.get(0).method()).isEqualTo("GET");
    assertThat(server.requests.get(0).header("Content-Type")).isNull();
    assertThat(server.requests.get(0).body()).isEmpty();
  }

  @Test
  void jsonThatDoesNotParse_isKeptAsText_withoutJson() {
    OutboundHttpResponse response = activities.request(new OutboundHttpRequest("GET", server.url("/not-json"),
        Map.of(), null, 2_000));

    assertThat(response.body()).isEqualTo("{\"unterminated\":");
    assertThat(response.json()).isNull();
  }

  @Test
  void noContent_isAnEmptyBody() {
    OutboundHttpResponse response = activities.request(new OutboundHttpRequest("DELETE", server.url("/empty"),
        Map.of(), null, 2_000));

    assertThat(response.status()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
    assertThat(response.json()).isNull();
  }

  @Test
  void anEndlessBody_isCutAtTheCap_andNotReadFurther() {
    OutboundHttpResponse response = activities.request(new OutboundHttpRequest("GET", server.url("/endless"),
        Map.of(), null, 30_000));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).hasSize(HttpActivitiesImpl.MAX_BODY_BYTES).startsWith("[\"xxx");
    assertThat(response.json()).as("a truncated body is not parsed").isNull();
    assertThat(server.endlessBytesWritten.get()).as("the server could not push the whole body")
        .isLessThan(ExternalServer.ENDLESS_LIMIT);
  }

  @Test
  void notFound_isAFinalHttpStatusFailure_withTheStatusInDetails() {
    assertFailure(new OutboundHttpRequest("GET", server.url("/status/404"), Map.of(), null, 2_000), failure -> {
      assertThat(failure.getType()).isEqualTo(HttpActivities.HTTP_STATUS);
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getDetails().get(0, Integer.class)).isEqualTo(404);
      assertThat(failure.getNextRetryDelay()).isNull();
    });
  }

  @Test
  void aStatusTheFlowRoutes_isAnsweredWithItsBody_othersStillFail() {
    OutboundHttpResponse notFound = activities.request(new OutboundHttpRequest("GET", server.url("/status/404"), Map.of(),
        null, 2_000, false, List.of("404", "5xx"), null));
    OutboundHttpResponse unavailable = activities.request(new OutboundHttpRequest("GET", server.url("/status/503"),
        Map.of(), null, 2_000, false, List.of("404", "5xx"), null));

    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.json()).isEqualTo(Map.of("error", "server-side-detail-secret"));
    assertThat(unavailable.status()).as("routed: answered at once, not retried").isEqualTo(503);
    assertFailure(new OutboundHttpRequest("GET", server.url("/status/409"), Map.of(), null, 2_000, false,
        List.of("404", "5xx"), null), failure -> assertThat(failure.getDetails().get(0, Integer.class)).isEqualTo(409));
  }

  @Test
  void credentials_comeFromTheWorkersSecret_byName_andAreNeverLogged() {
    var secrets = FlowSecrets.inMemory().put("crm-api", "tok-secret-1").put("legacy", "ada:pw-secret-2");
    activities = new HttpActivitiesImpl(secrets);

    activities.request(new OutboundHttpRequest("GET", server.url("/json"), Map.of("Authorization", "from-the-flow"),
        null, 2_000, false, null, new dev.ivr.workflows.flow.HttpAuth("crm-api", null, null)));
    activities.request(new OutboundHttpRequest("GET", server.url("/json"), Map.of(), null, 2_000, false, null,
        new dev.ivr.workflows.flow.HttpAuth("legacy", "basic", null)));
    activities.request(new OutboundHttpRequest("GET", server.url("/json"), Map.of(), null, 2_000, false, null,
        new dev.ivr.workflows.flow.HttpAuth("crm-api", "header", "X-Api-Key")));

    assertThat(server.requests.get(0).header("Authorization")).as("the secret wins over a flow's header")
        .isEqualTo("Bearer tok-secret-1");
    assertThat(server.requests.get(1).header("Authorization"))
        .isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("ada:pw-secret-2".getBytes()));
    assertThat(server.requests.get(2).header("X-Api-Key")).isEqualTo("tok-secret-1");
    assertFailure(new OutboundHttpRequest("GET", server.url("/json"), Map.of(), null, 2_000, false, null,
        new dev.ivr.workflows.flow.HttpAuth("missing-one", null, null)), failure -> {
          assertThat(failure.getType()).isEqualTo(HttpActivities.HTTP_SECRET_MISSING);
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getOriginalMessage()).contains("'missing-one'", "IVR_SECRET_MISSING_ONE");
        });
    assertThat(server.requests).hasSize(3);
    assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage())
        .doesNotContain("tok-secret-1", "pw-secret-2"));
  }

  @Test
  void downloadPlaceholders_becomeSignedUrls_ofTheCallsOwnRecordings_only() {
    String key = dev.ivr.recordings.RecordingLinks.generateKey();
    activities = new HttpActivitiesImpl(FlowSecrets.none(),
        dev.ivr.activities.recording.RecordingUrls.of(key, null, java.time.Duration.ofHours(24), java.time.Clock.systemUTC()));
    var downloads = new dev.ivr.workflows.external.RecordingDownloads("https://api.example", List.of("call-x/2-record.wav"));
    String body = "{\"url\":\"" + dev.ivr.workflows.flow.expr.DownloadPlaceholders.of("call-x/2-record.wav")
        + "\",\"sizeBytes\":96044}";

    activities.request(new OutboundHttpRequest("POST", server.url("/json"), Map.of(), body, 2_000, false, null, null,
        downloads));

    String sent = server.requests.get(0).body();
    java.util.regex.Matcher url = java.util.regex.Pattern
        .compile("\"url\":\"https://api\\.example/media/downloads/([^\"]+)\\.wav\"").matcher(sent);
    assertThat(url.find()).as(sent).isTrue();
    assertThat(sent).endsWith(",\"sizeBytes\":96044}");
    assertThat(dev.ivr.recordings.RecordingLinks.withKey(key, "test")
        .verify(dev.ivr.recordings.RecordingLinks.DOWNLOAD, url.group(1), java.time.Instant.now().plusSeconds(23 * 3600)))
        .contains("call-x/2-record.wav");
    assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(url.group(1)));

    String other = "{\"url\":\"" + dev.ivr.workflows.flow.expr.DownloadPlaceholders.of("call-y/1-record.wav") + "\"}";
    assertFailure(new OutboundHttpRequest("POST", server.url("/json"), Map.of(), other, 2_000, false, null, null,
        downloads), failure -> {
          assertThat(failure.getType()).isEqualTo(dev.ivr.activities.recording.RecordingUrls.NOT_THE_CALLS);
          assertThat(failure.isNonRetryable()).isTrue();
        });
    activities = new HttpActivitiesImpl(FlowSecrets.none());
    assertFailure(new OutboundHttpRequest("POST", server.url("/json"), Map.of(), body, 2_000, false, null, null,
        downloads), failure -> assertThat(failure.getType()).isEqualTo(dev.ivr.activities.recording.RecordingUrls.KEY_MISSING));
    assertThat(server.requests).hasSize(1);
  }

  @Test
  void secrets_fromTheEnvironment_thenTheSecretsDirectory() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("secrets");
    java.nio.file.Files.writeString(dir.resolve("crm-api"), "from-file\n");
    java.nio.file.Files.writeString(dir.resolve("both"), "file-loses");
    FlowSecrets secrets = FlowSecrets.fromEnvironment(Map.of("IVR_SECRETS_DIR", dir.toString(), "IVR_SECRET_BOTH", "env-wins"));

    assertThat(secrets.value("crm-api")).contains("from-file");
    assertThat(secrets.value("both")).contains("env-wins");
    assertThat(secrets.value("absent")).isEmpty();
    assertThat(secrets.value("../crm-api")).as("never outside the directory").isEmpty();
  }

  @Test
  void serviceUnavailable_isRetryable_afterItsRetryAfter() {
    assertFailure(new OutboundHttpRequest("GET", server.url("/status/503?retryAfter=7"), Map.of(), null, 2_000),
        failure -> {
          assertThat(failure.getType()).isEqualTo(HttpActivities.HTTP_STATUS);
          assertThat(failure.isNonRetryable()).isFalse();
          assertThat(failure.getDetails().get(0, Integer.class)).isEqualTo(503);
          assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
        });
  }

  @Test
  void throttledAndRequestTimeout_areRetryable_otherClientErrorsAndRedirectsAreNot() {
    for (int status : List.of(408, 429, 500, 502, 504)) {
      assertFailure(new OutboundHttpRequest("GET", server.url("/status/" + status), Map.of(), null, 2_000),
          failure -> assertThat(failure.isNonRetryable()).as("HTTP %s", status).isFalse());
    }
    for (int status : List.of(400, 401, 403, 409, 422, 302)) {
      assertFailure(new OutboundHttpRequest("GET", server.url("/status/" + status), Map.of(), null, 2_000),
          failure -> assertThat(failure.isNonRetryable()).as("HTTP %s", status).isTrue());
    }
  }

  @Test
  void retryAfter_acceptsSecondsFractionsAndHttpDates_andIsCapped() {
    assertThat(dev.ivr.activities.RetryAfter.parse("2.128")).contains(Duration.ofMillis(2_128));
    assertThat(dev.ivr.activities.RetryAfter.parse("86400")).contains(Duration.ofMinutes(10));
    assertThat(dev.ivr.activities.RetryAfter.parse("-1")).isEmpty();
    assertThat(dev.ivr.activities.RetryAfter.parse("soon")).isEmpty();
    String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusHours(1));
    assertThat(dev.ivr.activities.RetryAfter.parse(past)).contains(Duration.ZERO);
    String future = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusDays(1));
    assertThat(dev.ivr.activities.RetryAfter.parse(future)).contains(Duration.ofMinutes(10));
  }

  @Test
  void noAnswerWithinTheTimeout_isARetryableTimeout() {
    assertFailure(new OutboundHttpRequest("GET", server.url("/hang"), Map.of(), null, 300), failure -> {
      assertThat(failure.getType()).isEqualTo(HttpActivitiesImpl.HTTP_TIMEOUT);
      assertThat(failure.isNonRetryable()).isFalse();
    });
  }

  @Test
  void aBodyThatStalls_isATimeoutToo() {
    assertFailure(new OutboundHttpRequest("GET", server.url("/hang-body"), Map.of(), null, 300), failure -> {
      assertThat(failure.getType()).isEqualTo(HttpActivitiesImpl.HTTP_TIMEOUT);
      assertThat(failure.isNonRetryable()).isFalse();
    });
  }

  @Test
  void connectionRefused_isARetryableIoError() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    assertFailure(new OutboundHttpRequest("GET", "http://127.0.0.1:" + port + "/x", Map.of(), null, 2_000),
        failure -> {
          assertThat(failure.getType()).isEqualTo(HttpActivitiesImpl.HTTP_IO);
          assertThat(failure.isNonRetryable()).isFalse();
        });
  }

  @Test
  void nonHttpSchemesAndBadRequests_areFinalInvalidRequests_andSendNothing() {
    for (OutboundHttpRequest bad : List.of(
        new OutboundHttpRequest("GET", "ftp://127.0.0.1/file", Map.of(), null, 1_000),
        new OutboundHttpRequest("GET", "file:///etc/passwd", Map.of(), null, 1_000),
        new OutboundHttpRequest("GET", "javascript:alert(1)", Map.of(), null, 1_000),
        new OutboundHttpRequest("GET", "/relative/path", Map.of(), null, 1_000),
        new OutboundHttpRequest("GET", "http://exa mple.com/", Map.of(), null, 1_000),
        new OutboundHttpRequest("GET", " ", Map.of(), null, 1_000),
        new OutboundHttpRequest("TRACE", server.url("/json"), Map.of(), null, 1_000),
        new OutboundHttpRequest("GET", server.url("/json"), Map.of("X-Bad", "line\r\nInjected: yes"), null, 1_000))) {
      assertFailure(bad, failure -> {
        assertThat(failure.getType()).isEqualTo(HttpActivities.HTTP_INVALID);
        assertThat(failure.isNonRetryable()).isTrue();
      });
    }
    assertThat(server.requests).isEmpty();
  }

  @Test
  void headerValuesQueriesAndBodies_neverReachTheLogsNorTheFailure() {
    var request = new OutboundHttpRequest("POST", server.url("/status/500?api_key=query-secret"),
        Map.of("Authorization", "Bearer header-secret"), "{\"pin\":\"body-secret\"}", 2_000);

    assertFailure(request, failure -> assertThat(failure.getOriginalMessage())
        .doesNotContain("query-secret", "header-secret", "body-secret", "server-side-detail-secret"));
    activities.request(new OutboundHttpRequest("POST", server.url("/json?api_key=query-secret"),
        Map.of("Authorization", "Bearer header-secret"), "{\"pin\":\"body-secret\"}", 2_000));

    assertThat(logs.list).isNotEmpty();
    assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage())
        .doesNotContain("query-secret", "header-secret", "body-secret", "server-side-detail-secret", "Zoë"));
    assertThat(server.requests.get(0).header("Authorization")).isEqualTo("Bearer header-secret");
  }

  @Test
  void throughTemporal_theJsonValueAndTheFailureDetailsSurviveTheDataConverter() {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(activities);
      HttpActivities stub = env.newActivityStub(HttpActivities.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build());

      OutboundHttpResponse response = stub.request(new OutboundHttpRequest("GET", server.url("/json"), Map.of(),
          null, 2_000));
      assertThat(response.json()).isInstanceOf(Map.class);
      assertThat(((Map<?, ?>) response.json()).get("customer")).isEqualTo(Map.of("id", 42, "name", "Zoë", "vip", true));
      assertThat(response.headers()).containsEntry("x-trace-id", "trace-1");

      assertThatThrownBy(() -> stub.request(new OutboundHttpRequest("GET", server.url("/status/404"), Map.of(),
          null, 2_000)))
          .isInstanceOf(ActivityFailure.class)
          .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
            assertThat(failure.getType()).isEqualTo(HttpActivities.HTTP_STATUS);
            assertThat(failure.isNonRetryable()).isTrue();
            assertThat(failure.getDetails().get(0, Integer.class)).isEqualTo(404);
          });
    } finally {
      env.close();
    }
  }

  private void assertFailure(OutboundHttpRequest request, Consumer<ApplicationFailure> check) {
    assertThatThrownBy(() -> activities.request(request)).isInstanceOfSatisfying(ApplicationFailure.class, check::accept);
  }
}
