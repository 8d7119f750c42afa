package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.IncomingCallSpec;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeepAliveTest {

  final BotEndpoint bot = BotEndpoint.start();

  @AfterEach
  void tearDown() {
    bot.close();
  }

  @Test
  void keepAlive_is200_onALiveCall() {
    try (GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20))) {
      var http = new GraphHttp(emulator);
      String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
      GraphHttp.answerAndEstablish(http, bot, callId);
      var r = http.post("/communications/calls/" + callId + "/keepAlive", "");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEmpty();
    }
  }

  @Test
  void aKeepAliveEvery15Minutes_keepsACallAliveForTwoHours_andWithoutThemItEnds45MinutesLater() {
    // at 1000x an emulated minute is 60 ms of real time: a keepAlive every 0.9 s, the window 2.7 s
    try (GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(1000)
        .withAnswerDeadlineSeconds(100_000))) {
      var http = new GraphHttp(emulator);
      String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withScript(CallerScript.silent()));
      GraphHttp.answerAndEstablish(http, bot, callId);
      double start = emulator.emulatedNow();
      double lastKeepAlive = start;
      while (emulator.emulatedNow() - start < 2 * 3600) {
        BotEndpoint.sleep(15 * 60 * 1000 / 1000);
        lastKeepAlive = emulator.emulatedNow(); // the emulator takes the keepAlive at this time or later
        assertThat(http.post("/communications/calls/" + callId + "/keepAlive", "").statusCode()).isEqualTo(200);
      }
      assertThat(emulator.call(callId).state()).isEqualTo("established");
      assertThat(emulator.awaitCallEnded(callId, Duration.ofSeconds(20))).isTrue();
      assertThat(emulator.call(callId).endSubcode()).isEqualTo(8537);
      assertThat(emulator.emulatedNow() - lastKeepAlive).isGreaterThanOrEqualTo(45 * 60);
    }
  }

  @Test
  void noKeepAliveWithinTheWindow_endsTheCallWith408_8537_thenKeepAliveIs404() {
    // 45 minutes compressed: a 2700 s window at 2000x is 1.35 s of real time.
    try (GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(2000)
        .withAnswerDeadlineSeconds(10_000).withEstablishDelaySeconds(1))) {
      var http = new GraphHttp(emulator);
      String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withScript(CallerScript.silent()));
      GraphHttp.answerAndEstablish(http, bot, callId);
      assertThat(emulator.awaitCallEnded(callId, Duration.ofSeconds(20))).isTrue();
      var end = bot.awaitCall(callId, "deleted", "terminated").data().path("resultInfo");
      assertThat(end.path("code").asInt()).isEqualTo(408);
      assertThat(end.path("subcode").asInt()).isEqualTo(8537);
      assertThat(end.path("message").asText()).isEqualTo("Keep Alive timeout, cleaned up inactive call");
      assertThat(http.post("/communications/calls/" + callId + "/keepAlive", "").statusCode()).isEqualTo(404);
    }
  }
}
