package dev.ivr.emulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.PayloadStyle;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SquashedResourceUrlIdsFaultTest extends FaultTestSupport {

  @Test
  void byDefault_resourceUrlCarriesUppercaseIdsWithoutDashes_andTheSquashedIdIsAcceptedBack() {
    String callId = raise(FaultPlan.none(), CallerScript.silent());
    String squashed = callId.replace("-", "").toUpperCase();
    var created = bot.await(i -> i.resourceUrl().endsWith(squashed), Duration.ofSeconds(5));
    assertThat(created.resourceUrl()).isEqualTo("/communications/calls/" + squashed);
    assertThat(http.post("/communications/calls/" + squashed + "/answer", GraphHttp.answerBody()).statusCode()).isEqualTo(202);
  }

  @Test
  void idsAsTheyAre_whenConfigured_andTheFaultStillSquashesThem_whileResourceDataIdStaysAsIs() {
    try (GraphEmulator asIs = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20)
        .withSquashedResourceUrlIds(false).withPayloadStyle(PayloadStyle.RICH))) {
      String plain = asIs.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withScript(CallerScript.silent()));
      assertThat(bot.await(i -> i.isFor(plain), Duration.ofSeconds(5)).resourceUrl()).isEqualTo("/communications/calls/" + plain);
      String faulty = asIs.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withScript(CallerScript.silent())
          .withFaults(FaultPlan.builder().squashedResourceUrlIds(true).build()));
      var created = bot.await(i -> i.resourceUrl().endsWith(BotEndpoint.squash(faulty)), Duration.ofSeconds(5));
      assertThat(created.data().path("id").asText()).isEqualTo(faulty);
    }
  }
}
