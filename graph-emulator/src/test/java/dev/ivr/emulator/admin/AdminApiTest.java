package dev.ivr.emulator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.GraphHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdminApiTest extends CallTestSupport {

  @Test
  void postAdminCalls_raisesACallWithAYamlScript_andGetShowsItsState() {
    var http = new GraphHttp(graph.emulator());
    var resp = http.admin("POST", "/admin/calls", "{\"callbackUri\":\"" + bot.callbackUri() + "\",\"caller\":{\"phone\":\"+15550001111\"},"
        + "\"target\":{\"applicationInstanceId\":\"abc\"},\"script\":\"- waitFor: established\\n- press: '5'\\n- hangup: true\\n\"}");
    assertThat(resp.statusCode()).isEqualTo(201);
    var body = GraphHttp.json(resp.body());
    String callId = body.get("callId").asText();
    assertThat(body.get("callChainId").asText()).isNotBlank();
    assertThat(bot.awaitIncoming().data().path("source").path("identity").path("phone").path("id").asText()).isEqualTo("+15550001111");
    GraphHttp.answerAndEstablish(http, bot, callId);
    assertThat(graph.emulator().awaitCallEnded(callId, Duration.ofSeconds(10))).isTrue();
    var view = GraphHttp.json(http.admin("GET", "/admin/calls/" + callId, null).body());
    assertThat(view.get("state").asText()).isEqualTo("terminated");
    assertThat(view.get("tones").get(0).get("tone").asText()).isEqualTo("tone5");
    assertThat(view.get("endSubcode").asInt()).isEqualTo(540000);
  }

  @Test
  void postTones_deliversToneInfoAfterSubscribe() {
    var http = new GraphHttp(graph.emulator());
    String callId = GraphHttp.json(http.admin("POST", "/admin/calls", "{\"callbackUri\":\"" + bot.callbackUri() + "\",\"caller\":{\"user\":true},\"script\":[]}").body())
        .get("callId").asText();
    GraphHttp.answerAndEstablish(http, bot, callId);
    http.post("/communications/calls/" + callId + "/subscribeToTone", "{\"clientContext\":\"t\"}");
    assertThat(http.admin("POST", "/admin/calls/" + callId + "/tones", "{\"keys\":\"*#\"}").statusCode()).isEqualTo(202);
    var pound = bot.await(i -> "pound".equals(i.data().path("toneInfo").path("tone").asText()), Duration.ofSeconds(5));
    assertThat(pound.data().path("toneInfo").path("sequenceId").asInt()).isEqualTo(2);
  }

  @Test
  void adminErrors_areClear() {
    var http = new GraphHttp(graph.emulator());
    assertThat(http.admin("GET", "/admin/calls/nope", null).statusCode()).isEqualTo(404);
    assertThat(http.admin("POST", "/admin/calls", "{\"caller\":{}}").statusCode()).isEqualTo(400);
    assertThat(http.admin("POST", "/admin/calls", "{\"callbackUri\":\"http://example.com/cb\"}").statusCode()).isEqualTo(400);
    assertThat(http.admin("GET", "/admin/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void postAdminFaults_replacesTheGlobalPlan() {
    var http = new GraphHttp(graph.emulator());
    var r = http.admin("POST", "/admin/faults", "{\"pascalCaseEnums\":true,\"graphErrors\":[{\"status\":503,\"action\":\"keepAlive\",\"times\":1}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(graph.emulator().faults().pascalCaseEnums()).isTrue();
    assertThat(graph.emulator().faults().graphErrors()).hasSize(1);
    http.admin("POST", "/admin/faults", "{}");
    assertThat(graph.emulator().faults()).isEqualTo(FaultPlan.none());
  }
}
