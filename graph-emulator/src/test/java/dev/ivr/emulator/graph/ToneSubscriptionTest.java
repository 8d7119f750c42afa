package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.CallView;
import dev.ivr.emulator.CallerScript.Press;
import dev.ivr.emulator.CallerScript.Speak;
import dev.ivr.emulator.CallerScript.WaitFor;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.IncomingCallSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ToneSubscriptionTest extends CallTestSupport {

  @Test
  void subscribeToTone_is200Completed_andOnlyLaterTonesArriveWithIncreasingSequenceIds() {
    String callId = established(CallerScript.silent());
    emulator().pressKeys(callId, "9");
    BotEndpoint.sleep(100);
    var r = http().post("/communications/calls/" + callId + "/subscribeToTone", "{\"clientContext\":\"tones\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    var op = GraphHttp.json(r.body());
    assertThat(op.get("@odata.type").asText()).isEqualTo("#microsoft.graph.subscribeToToneOperation");
    assertThat(op.get("status").asText()).isEqualTo("completed");
    assertThat(r.headers().firstValue("Location")).isPresent();

    emulator().pressKeys(callId, "1*#");
    bot.await(i -> i.data().path("toneInfo").path("sequenceId").asInt() == 3, Duration.ofSeconds(5));
    var tones = bot.items(callId).stream().filter(i -> i.data().path("toneInfo").isObject())
        .map(i -> i.data().path("toneInfo").path("sequenceId").asInt() + ":" + i.data().path("toneInfo").path("tone").asText()).toList();
    assertThat(tones).containsExactly("1:tone1", "2:star", "3:pound");
    var first = bot.items(callId).stream().filter(i -> i.data().path("toneInfo").isObject()).findFirst().orElseThrow();
    assertThat(first.changeType()).isEqualTo("updated");
    assertThat(first.data().path("toneInfo").path("@odata.type").asText()).isEqualTo("#microsoft.graph.toneInfo");
    assertThat(emulator().call(callId).tones()).extracting(CallView.ToneView::tone).containsExactly("tone9", "tone1", "star", "pound");
    assertThat(emulator().call(callId).tones().get(0).sequenceId()).isZero();
    // no operation notification for the synchronous subscribeToTone
    assertThat(bot.items(callId)).noneMatch(i -> i.isOperation(op.get("id").asText()));
  }

  @Test
  void stopToneDuringRecording_ends8514_andAlsoYieldsToneInfoWhenSubscribed() {
    String callId = established(CallerScript.of(new WaitFor("recordingStarted"), new Speak(1), new Press("#")));
    post(callId, "subscribeToTone", "{}", 200);
    String opId = opId(post(callId, "recordResponse", GraphHttp.record("\"stopTones\":[\"#\"],\"maxRecordDurationInSeconds\":60"), 200));
    var done = bot.awaitOperation(callId, opId).data();
    assertThat(done.path("resultInfo").path("subcode").asInt()).isEqualTo(8514);
    assertThat(bot.items(callId)).anyMatch(i -> "pound".equals(i.data().path("toneInfo").path("tone").asText()));
  }

  @Test
  void stopToneToneInfo_canBeSwitchedOff() {
    try (GraphEmulator quiet = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20).withStopToneNotifiesToneInfo(false))) {
      var http = new GraphHttp(quiet);
      String callId = quiet.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri())
          .withScript(CallerScript.of(new WaitFor("recordingStarted"), new Speak(1), new Press("#"))));
      GraphHttp.answerAndEstablish(http, bot, callId);
      http.post("/communications/calls/" + callId + "/subscribeToTone", "{}");
      var r = http.post("/communications/calls/" + callId + "/recordResponse", GraphHttp.record("\"stopTones\":[\"#\"],\"maxRecordDurationInSeconds\":60"));
      bot.awaitOperation(callId, opId(r.body()));
      assertThat(bot.items(callId)).noneMatch(i -> i.data().path("toneInfo").isObject());
    }
  }
}
