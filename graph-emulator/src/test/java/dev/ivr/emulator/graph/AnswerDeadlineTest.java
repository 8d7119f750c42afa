package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.GraphHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnswerDeadlineTest extends CallTestSupport {

  @Test
  void unansweredCall_isDeletedAfter15sWith480_10076_andAnswerIsThen404() {
    String callId = raise(CallerScript.silent());
    assertThat(emulator().awaitCallEnded(callId, Duration.ofSeconds(10))).isTrue();
    var end = bot.awaitCall(callId, "deleted", "terminated").data().path("resultInfo");
    assertThat(end.path("code").asInt()).isEqualTo(480);
    assertThat(end.path("subcode").asInt()).isEqualTo(10076);
    post(callId, "answer", GraphHttp.answerBody(), 404);
  }

  @Test
  void withAcsCodes_unansweredIs408_8587_unacknowledged408_8586_andNoResponse408_8610() {
    try (GraphEmulator acs = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20).withAcsIncomingDeadlineCodes(true)
        .withNotificationRetries(0).withNotificationTimeout(Duration.ofMillis(300)));
        BotEndpoint refusing = BotEndpoint.start()) {
      String unanswered = acs.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withScript(CallerScript.silent()));
      refusing.respondWith(n -> 500);
      String refused = acs.raiseIncomingCall(IncomingCallSpec.to(refusing.callbackUri()).withScript(CallerScript.silent()));
      // nobody listens at this port: the POST gets no answer at all
      String unheard = acs.raiseIncomingCall(IncomingCallSpec.to("http://127.0.0.1:" + freePort() + "/callback")
          .withScript(CallerScript.silent()));
      for (String id : new String[] {unanswered, refused, unheard}) {
        assertThat(acs.awaitCallEnded(id, Duration.ofSeconds(10))).isTrue();
      }
      assertThat(acs.call(unanswered).endSubcode()).isEqualTo(8587);
      assertThat(acs.call(refused).endCode()).isEqualTo(408);
      assertThat(acs.call(refused).endSubcode()).isEqualTo(8586);
      assertThat(acs.call(unheard).endSubcode()).isEqualTo(8610);
      assertThat(bot.awaitCall(unanswered, "deleted", "terminated").data().path("resultInfo").path("code").asText())
          .isEqualTo("408");
    }
  }

  private static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
