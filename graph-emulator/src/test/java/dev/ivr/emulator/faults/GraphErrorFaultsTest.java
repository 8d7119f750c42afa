package dev.ivr.emulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.graph.models.odataerrors.ODataError;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.SdkClients;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GraphErrorFaultsTest extends FaultTestSupport {

  @Test
  void throttling429_hasAFractionalRetryAfter_andGraphsThrottleBody_thenSucceeds() {
    String callId = established(FaultPlan.builder().graphError(new FaultPlan.GraphError(429, "subscribeToTone", 1, 0, 2.128)).build(),
        CallerScript.silent());
    var r = http.post("/communications/calls/" + callId + "/subscribeToTone", "{}");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).contains("2.128");
    var err = GraphHttp.json(r.body()).get("error");
    assertThat(err.get("code").asText()).isEqualTo("TooManyRequests");
    assertThat(err.get("message").asText()).isEqualTo("Please retry again later.");
    assertThat(err.get("innerError").get("status").asText()).isEqualTo("429");
    assertThat(http.post("/communications/calls/" + callId + "/subscribeToTone", "{}").statusCode()).isEqualTo(200);
  }

  @Test
  void serverErrors500_503_504_areInjectedOnTheChosenAction() {
    var plan = FaultPlan.builder()
        .graphError(FaultPlan.GraphError.of(500, "playPrompt", 1))
        .graphError(FaultPlan.GraphError.of(503, "playPrompt", 1))
        .graphError(FaultPlan.GraphError.of(504, "playPrompt", 1)).build();
    String callId = established(plan, CallerScript.silent());
    String body = GraphHttp.play("", bot.prompt("x.wav", dev.ivr.emulator.media.Wav.silence(0.1)));
    var first = http.post("/communications/calls/" + callId + "/playPrompt", body);
    assertThat(first.statusCode()).isEqualTo(500);
    assertThat(GraphHttp.json(first.body()).at("/error/code").asText()).isEqualTo("UnknownError");
    assertThat(GraphHttp.json(first.body()).at("/error/message").asText()).isEqualTo("Unexpected exception returned from the service.");
    assertThat(http.post("/communications/calls/" + callId + "/playPrompt", body).statusCode()).isEqualTo(503);
    assertThat(http.post("/communications/calls/" + callId + "/playPrompt", body).statusCode()).isEqualTo(504);
    assertThat(http.post("/communications/calls/" + callId + "/playPrompt", body).statusCode()).isEqualTo(200);
    assertThat(emulator.call(callId).operations()).hasSize(1);
  }

  @Test
  void sdkSees500AsAnODataError() {
    String callId = established(FaultPlan.builder().graphError(FaultPlan.GraphError.of(500, "get", 0)).build(), CallerScript.silent());
    var client = SdkClients.graph(emulator, http::token);
    try {
      client.communications().calls().byCallId(callId).get();
      throw new AssertionError("expected a 500");
    } catch (ODataError e) {
      assertThat(e.getResponseStatusCode()).isEqualTo(500);
    }
  }

  @Test
  void slowResponses_areDelayed() {
    String callId = established(FaultPlan.builder().slowResponseSeconds(6).build(), CallerScript.silent());
    long start = System.nanoTime();
    assertThat(http.post("/communications/calls/" + callId + "/keepAlive", "").statusCode()).isEqualTo(200);
    // 6 emulated seconds at 20x: at least 300 ms
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
  }

  @Test
  void globalPlan_appliesToCallCreation() {
    emulator.faults(FaultPlan.builder().graphError(FaultPlan.GraphError.of(503, "create", 1)).build());
    var body = GraphHttp.rawOutbound(bot.callbackUri(), "+14255550100", true);
    assertThat(http.post("/communications/calls", body).statusCode()).isEqualTo(503);
    assertThat(http.post("/communications/calls", body).statusCode()).isEqualTo(201);
  }
}
