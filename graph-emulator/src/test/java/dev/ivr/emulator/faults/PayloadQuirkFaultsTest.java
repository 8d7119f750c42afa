package dev.ivr.emulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallerScript;
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
  void resultInfoCodes_asStrings() {
    String callId = established(FaultPlan.builder().resultInfoAsStrings(true).build(), CallerScript.silent());
    http.delete("/communications/calls/" + callId);
    var end = bot.awaitCall(callId, "deleted", "terminated").data().path("resultInfo");
    assertThat(end.path("code").isTextual()).isTrue();
    assertThat(end.path("code").asText()).isEqualTo("200");
    assertThat(end.path("subcode").asText()).isEqualTo("7000");
  }

  @Test
  void missingResourceDataId_andMissingMediaState_inEstablished() {
    String callId = established(FaultPlan.builder().omitResourceDataId(true).omitMediaState(true).build(), CallerScript.silent());
    var established = bot.await(i -> callId.equals(i.callId()) && "established".equals(i.state()), Duration.ofSeconds(5));
    assertThat(established.data().has("id")).isFalse();
    assertThat(established.data().has("mediaState")).isFalse();
    assertThat(established.resourceUrl()).endsWith(callId);
  }
}
