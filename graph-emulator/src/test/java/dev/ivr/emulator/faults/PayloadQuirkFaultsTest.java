package dev.ivr.emulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.PayloadStyle;
import dev.ivr.emulator.media.Wav;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.GraphHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PayloadQuirkFaultsTest extends FaultTestSupport {

  @Test
  void pascalCaseEnums_inChangeTypeStateAndStatus() {
    String callId = established(FaultPlan.builder().pascalCaseEnums(true).build(), CallerScript.defaults());
    var created = bot.items(callId).get(0);
    assertThat(created.changeType()).isEqualTo("Created");
    assertThat(created.data().path("direction").asText()).isEqualTo("Incoming");
    assertThat(bot.items(callId)).anyMatch(i -> "Established".equals(i.state()) && "Updated".equals(i.changeType()));
    var r = http.post("/communications/calls/" + callId + "/recordResponse", GraphHttp.record(""));
    var done = bot.awaitOperation(callId, GraphHttp.json(r.body()).get("id").asText());
    assertThat(done.changeType()).isEqualTo("Deleted");
    assertThat(done.data().path("status").asText()).isEqualTo("Completed");
  }

  @Test
  void resultInfoCodes_asStrings_evenWhereTheDocsSendNumbers() {
    String callId = established(FaultPlan.builder().resultInfoAsStrings(true).build(), CallerScript.silent());
    var r = http.post("/communications/calls/" + callId + "/playPrompt", GraphHttp.play("", bot.prompt("s.wav", Wav.silence(0.2))));
    var done = bot.awaitOperation(callId, GraphHttp.json(r.body()).get("id").asText()).data().path("resultInfo");
    assertThat(done.path("code").isTextual()).isTrue();
    assertThat(done.path("code").asText()).isEqualTo("200");
    assertThat(done.path("subcode").asText()).isEqualTo("0");
  }

  @Test
  void missingResourceDataId_andMissingMediaState_inRichEstablished() {
    try (GraphEmulator rich = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20).withPayloadStyle(PayloadStyle.RICH))) {
      String callId = rich.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withScript(CallerScript.silent())
          .withFaults(FaultPlan.builder().omitResourceDataId(true).omitMediaState(true).build()));
      bot.awaitIncoming();
      GraphHttp.answerAndEstablish(new GraphHttp(rich), bot, callId);
      var established = bot.await(i -> i.isFor(callId) && "established".equals(i.state()), Duration.ofSeconds(5));
      assertThat(established.data().has("id")).isFalse();
      assertThat(established.data().has("mediaState")).isFalse();
      assertThat(established.data().has("callChainId")).as("the rest of the rich update stays").isTrue();
      assertThat(established.resourceUrl()).endsWith(BotEndpoint.squash(callId));
    }
  }
}
