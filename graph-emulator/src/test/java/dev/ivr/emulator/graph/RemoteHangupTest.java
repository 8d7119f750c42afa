package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.CallerScript.Hangup;
import dev.ivr.emulator.CallerScript.Speak;
import dev.ivr.emulator.CallerScript.WaitFor;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.IncomingCallSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RemoteHangupTest extends CallTestSupport {

  @Test
  void callerHangsUpMidRecord_noRecordCompletionIsSent_andTheCallEndsWith540000() {
    GraphEmulator emulator = graph.emulator();
    var http = new GraphHttp(emulator);
    var script = CallerScript.of(new WaitFor("recordingStarted"), new Speak(1.0), new Hangup());
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withScript(script));
    GraphHttp.answerAndEstablish(http, bot, callId);
    var r = http.post("/communications/calls/" + callId + "/recordResponse", GraphHttp.record("\"maxRecordDurationInSeconds\":30"));
    String opId = GraphHttp.json(r.body()).get("id").asText();

    var deleted = bot.awaitCall(callId, "deleted", "terminated");
    assertThat(deleted.data().path("resultInfo").path("code").asInt()).isEqualTo(200);
    assertThat(deleted.data().path("resultInfo").path("subcode").asInt()).isEqualTo(540000);
    assertThat(emulator.awaitCallEnded(callId, Duration.ofSeconds(5))).isTrue();
    BotEndpoint.sleep(200);
    assertThat(bot.items(callId)).noneMatch(i -> i.isOperation(opId));
    assertThat(emulator.call(callId).operation(opId).notified()).isFalse();
    assertThat(http.post("/communications/calls/" + callId + "/playPrompt", "{\"prompts\":[]}").statusCode()).isIn(400, 404);
    assertThat(http.get("/communications/calls/" + callId).statusCode()).isEqualTo(404);
  }

  @Test
  void teamsUserHangsUp_endsWith4521() {
    GraphEmulator emulator = graph.emulator();
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).fromTeamsUser()
        .withScript(CallerScript.of(new WaitFor("established"), new Hangup())));
    GraphHttp.answerAndEstablish(new GraphHttp(emulator), bot, callId);
    var deleted = bot.awaitCall(callId, "deleted", "terminated");
    assertThat(deleted.data().path("resultInfo").path("subcode").asInt()).isEqualTo(4521);
  }

  @Test
  void adminHangup_endsAnEstablishedCall_andLaterActionsAre404() {
    GraphEmulator emulator = graph.emulator();
    var http = new GraphHttp(emulator);
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withScript(CallerScript.silent()));
    GraphHttp.answerAndEstablish(http, bot, callId);
    assertThat(http.admin("POST", "/admin/calls/" + callId + "/hangup", null).statusCode()).isEqualTo(202);
    bot.awaitCall(callId, "deleted", "terminated");
    assertThat(http.post("/communications/calls/" + callId + "/keepAlive", "").statusCode()).isEqualTo(404);
    assertThat(http.delete("/communications/calls/" + callId).statusCode()).isEqualTo(404);
    var err = GraphHttp.json(http.get("/communications/calls/" + callId).body()).get("error");
    assertThat(err.get("innerError").has("date")).isTrue();
  }

  @Test
  void recordCompletionOnHangup_canBeSwitchedOn() {
    try (GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20).withRecordCompletionOnHangup(true))) {
      var http = new GraphHttp(emulator);
      var script = CallerScript.of(new WaitFor("recordingStarted"), new Speak(1.0), new Hangup());
      String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withScript(script));
      GraphHttp.answerAndEstablish(http, bot, callId);
      var r = http.post("/communications/calls/" + callId + "/recordResponse", GraphHttp.record("\"maxRecordDurationInSeconds\":30"));
      String opId = GraphHttp.json(r.body()).get("id").asText();
      var done = bot.awaitOperation(callId, opId);
      assertThat(done.data().path("status").asText()).isEqualTo("failed");
    }
  }
}
