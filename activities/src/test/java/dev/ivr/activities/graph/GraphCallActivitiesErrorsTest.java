package dev.ivr.activities.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.RecordSettings;
import dev.ivr.workflows.graph.GraphCallActivities;
import dev.ivr.workflows.graph.HangUp;
import dev.ivr.workflows.graph.OperationStarted;
import dev.ivr.workflows.graph.PlayPrompt;
import dev.ivr.workflows.graph.RecordResponse;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Graph's error answers, from a scriptable local server, and how they become activity failures. */
class GraphCallActivitiesErrorsTest {
  private static final String CALL = "491f0b00-ffff-4bc9-a43e-b226498ec22a";
  private static final MediaRef PROMPT = new MediaRef("https://media.example/hello.wav", "res-1", 1_000);
  private static final String ERROR_404 = "{\"error\":{\"code\":\"8506\",\"message\":\"Call not found\","
      + "\"innerError\":{\"request-id\":\"r1\",\"client-request-id\":\"c1\"}}}";

  private FakeGraph fake;
  private GraphCallActivities activities;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeGraph();
    activities = new GraphCallActivitiesImpl(GraphClients.create(fake.settings()));
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  @Test
  void throttled_isRetriedAfterGraphsRetryAfter_byTemporalNotBySdk() {
    fake.enqueue(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Please retry again later.\"}}",
        "Retry-After", "2.128");

    assertThatThrownBy(() -> activities.playPrompt(new PlayPrompt(CALL, "ctx-1", List.of(PROMPT))))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(GraphCallActivities.THROTTLED);
          assertThat(failure.isNonRetryable()).isFalse();
          assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofMillis(2_128));
        });
    assertThat(fake.graphRequests).hasSize(1); // the SDK's retry handler is off
  }

  @Test
  void serviceUnavailable_isRetryable_withoutSdkRetries() {
    fake.enqueue(503, "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"try later\"}}");

    assertThatThrownBy(() -> activities.recordResponse(
        new RecordResponse(CALL, "ctx-2", null, RecordSettings.defaults())))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(GraphCallActivities.GRAPH_UNAVAILABLE);
          assertThat(failure.isNonRetryable()).isFalse();
          assertThat(failure.getNextRetryDelay()).isNull();
        });
    assertThat(fake.graphRequests).hasSize(1);
  }

  @Test
  void internalServerError_isRetryable() {
    fake.enqueue(500, "{\"error\":{\"code\":\"UnknownError\",\"message\":\"Unexpected exception returned from the service\"}}");

    assertThatThrownBy(() -> activities.playPrompt(new PlayPrompt(CALL, "ctx-1", List.of(PROMPT))))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(GraphCallActivities.GRAPH_UNAVAILABLE);
          assertThat(failure.isNonRetryable()).isFalse();
          assertThat(failure.getOriginalMessage()).contains("HTTP 500").contains("UnknownError");
        });
  }

  @Test
  void callNotFound_isCallGone_andFinal() {
    fake.enqueue(404, ERROR_404);

    assertThatThrownBy(() -> activities.playPrompt(new PlayPrompt(CALL, "ctx-1", List.of(PROMPT))))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(GraphCallActivities.CALL_GONE);
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getCategory()).isEqualTo(ApplicationErrorCategory.BENIGN);
        });
  }

  @Test
  void badRequest_isFinal() {
    fake.enqueue(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"the request is invalid\"}}");

    assertThatThrownBy(() -> activities.recordResponse(
        new RecordResponse(CALL, "ctx-2", PROMPT, RecordSettings.defaults())))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(GraphCallActivities.BAD_REQUEST);
          assertThat(failure.isNonRetryable()).isTrue();
        });
  }

  @Test
  void hangingUpACallThatIsAlreadyGone_succeeds() {
    fake.enqueue(404, ERROR_404);

    assertThatCode(() -> activities.hangUp(new HangUp(CALL))).doesNotThrowAnyException();
    assertThat(fake.graphRequests).singleElement().satisfies(r -> {
      assertThat(r.method()).isEqualTo("DELETE");
      assertThat(r.path()).isEqualTo("/v1.0/communications/calls/" + CALL);
    });
  }

  @Test
  void hangUpThatIsThrottled_isStillAFailure() {
    fake.enqueue(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"later\"}}", "Retry-After", "1");

    assertThatThrownBy(() -> activities.hangUp(new HangUp(CALL)))
        .isInstanceOfSatisfying(ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo(GraphCallActivities.THROTTLED));
  }

  @Test
  void statusAndResultInfoAreRead_whateverTheirCasingAndNumberForm() {
    fake.enqueue(200, "{\"@odata.type\":\"#microsoft.graph.playPromptOperation\",\"id\":\"op-9\","
        + "\"status\":\"Completed\",\"resultInfo\":{\"code\":\"200\",\"subcode\":\"8510\",\"message\":\"done\"}}");

    OperationStarted started = activities.playPrompt(new PlayPrompt(CALL, "ctx-1", List.of(PROMPT)));

    assertThat(started.operationId()).isEqualTo("op-9");
    assertThat(started.status()).isEqualTo("completed");
    assertThat(started.isTerminal()).isTrue();
    assertThat(started.resultInfo()).isEqualTo(new dev.ivr.workflows.event.ResultInfo(200, 8510, "done"));
  }

  @Test
  void wrongSecret_isAnAuthFailure_andFinal() {
    var wrong = new GraphCallActivitiesImpl(GraphClients.create(fake.settings("not-the-secret")));

    assertThatThrownBy(() -> wrong.playPrompt(new PlayPrompt(CALL, "ctx-1", List.of(PROMPT))))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(GraphFailureMapping.AUTH_FAILED);
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getOriginalMessage()).doesNotContain("not-the-secret");
        });
    assertThat(fake.graphRequests).isEmpty();
  }

  @Test
  void unreachableGraph_isRetryable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    var settings = new GraphSettings("http://127.0.0.1:" + closedPort + "/v1.0", null, FakeGraph.TENANT,
        FakeGraph.CLIENT_ID, FakeGraph.SECRET, fake.baseUrl(), null);
    var unreachable = new GraphCallActivitiesImpl(GraphClients.create(settings));

    assertThatThrownBy(() -> unreachable.hangUp(new HangUp(CALL)))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(GraphCallActivities.GRAPH_UNAVAILABLE);
          assertThat(failure.isNonRetryable()).isFalse();
        });
  }

  @Test
  void tokenIsFetchedOnce_andReusedFromMsalsCache() {
    activities.playPrompt(new PlayPrompt(CALL, "ctx-1", List.of(PROMPT)));
    activities.playPrompt(new PlayPrompt(CALL, "ctx-2", List.of(PROMPT)));
    activities.hangUp(new HangUp(CALL));

    assertThat(fake.tokenRequests.get()).isEqualTo(1);
    assertThat(fake.graphRequests).hasSize(3)
        .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + FakeGraph.TOKEN));
  }
}
