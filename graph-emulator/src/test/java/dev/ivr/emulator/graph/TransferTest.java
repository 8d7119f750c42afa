package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.Callee;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.IncomingCallSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** call-transfer: transferring, transferAccepted (before or after the audio goes inactive), terminated; or back to established. */
class TransferTest extends CallTestSupport {

  static String transfer(String userId) {
    return transfer(userId, "", "");
  }

  /** A transfer to a Teams user; {@code targetExtra} goes into transferTarget, {@code bodyExtra} into the body. */
  static String transfer(String userId, String targetExtra, String bodyExtra) {
    return "{\"transferTarget\":{\"@odata.type\":\"#microsoft.graph.invitationParticipantInfo\",\"endpointType\":\"default\","
        + "\"identity\":{\"@odata.type\":\"#microsoft.graph.identitySet\",\"user\":{\"@odata.type\":\"#microsoft.graph.identity\","
        + "\"id\":\"" + userId + "\",\"displayName\":\"Agent\"}}" + targetExtra + "}" + bodyExtra + "}";
  }

  @Test
  void successfulTransfer_goesTransferringThenTransferAcceptedThenTerminated0_7015() {
    String callId = established(CallerScript.silent());
    post(callId, "transfer", transfer("agent-ok"), 202);
    var end = bot.awaitCall(callId, "deleted", "terminated");
    var states = bot.items(callId).stream().filter(i -> !i.isOperation()).map(BotEndpoint.Item::state).toList();
    assertThat(states).containsSubsequence("established", "transferring", "transferAccepted", "terminated");
    assertThat(end.data().path("resultInfo").path("code").isNumber()).as("call-transfer's example: numbers").isTrue();
    assertThat(end.data().path("resultInfo").path("code").asInt()).isEqualTo(0);
    assertThat(end.data().path("resultInfo").path("subcode").asInt()).isEqualTo(7015);
    assertThat(end.data().path("resultInfo").path("message").asText()).isEqualTo("GracefulTransferCompleted");
    assertThat(order(callId)).containsSubsequence("transferAccepted", "audio:inactive");
  }

  @Test
  void transferAccepted_mayAlsoArriveAfterTheAudioWentInactive() {
    String callId = emulator().raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withScript(CallerScript.silent())
        .withFaults(FaultPlan.builder().transferAcceptedAfterMediaInactive(true).build()));
    bot.awaitIncoming();
    dev.ivr.emulator.GraphHttp.answerAndEstablish(http(), bot, callId);
    post(callId, "transfer", transfer("agent-ok"), 202);
    bot.awaitCall(callId, "deleted", "terminated");
    assertThat(order(callId)).containsSubsequence("transferring", "audio:inactive", "transferAccepted", "terminated");
  }

  @Test
  void failedTransfer_goesBackToEstablishedWith500_7000_spelledSubCode_asTheDocsDo() {
    emulator().registerCallee("agent-away", Callee.of(Callee.Outcome.NO_ANSWER));
    String callId = established(CallerScript.silent());
    post(callId, "transfer", transfer("agent-away"), 202);
    var back = failure(callId);
    assertThat(back.path("resultInfo").path("code").asInt()).isEqualTo(500);
    assertThat(back.path("resultInfo").path("subCode").asInt()).isEqualTo(7000);
    assertThat(back.path("resultInfo").has("subcode")).isFalse();
    assertThat(back.has("replacesContext")).isFalse();
    assertThat(emulator().call(callId).state()).isEqualTo("established");
  }

  @Test
  void consultativeTransfer_endsWithTerminationReasonAppTransferred_andNoResultInfo() {
    String callId = established(CallerScript.silent());
    post(callId, "transfer", transfer("agent-ok", ",\"replacesCallId\":\"e5d39592-99bd-4db8-bca8-30fb894ec51d\"", ""), 202);
    var end = bot.awaitCall(callId, "deleted", "terminated").data();
    assertThat(end.path("terminationReason").asText()).isEqualTo("AppTransferred");
    assertThat(end.has("resultInfo")).isFalse();
    assertThat(emulator().call(callId).endSubcode()).isEqualTo(7015);
  }

  @Test
  void failedConsultativeTransfer_is500_7700_withAReplacesContext() {
    emulator().registerCallee("agent-away-2", Callee.of(Callee.Outcome.NO_ANSWER));
    String callId = established(CallerScript.silent());
    post(callId, "transfer", transfer("agent-away-2", ",\"replacesCallId\":\"e5d39592-99bd-4db8-bca8-30fb894ec51d\"",
        ",\"clientContext\":\"9e90d1c1-f61e-43e7-9f75-d420159aae08\""), 202);
    var back = failure(callId);
    assertThat(back.path("resultInfo").path("subCode").asInt()).isEqualTo(7700);
    assertThat(back.path("replacesContext").asText()).isNotBlank();
  }

  @Test
  void busyDeclinedAndUnreachableTargets_failTheTransferWithTheirOwnCodes() {
    emulator().registerCallee("agent-busy", Callee.of(Callee.Outcome.BUSY));
    emulator().registerCallee("agent-declines", Callee.of(Callee.Outcome.DECLINED));
    emulator().registerCallee("agent-gone", Callee.of(Callee.Outcome.UNREACHABLE).withResult(408, 8544, "Callee Unreachable."));
    for (var expected : List.of(List.of("agent-busy", 486, 8539), List.of("agent-declines", 603, 8538),
        List.of("agent-gone", 408, 8544))) {
      String callId = established(CallerScript.silent());
      post(callId, "transfer", transfer((String) expected.get(0)), 202);
      var back = failure(callId);
      assertThat(back.path("resultInfo").path("code").asInt()).as("%s", expected).isEqualTo(expected.get(1));
      assertThat(back.path("resultInfo").path("subCode").asInt()).as("%s", expected).isEqualTo(expected.get(2));
    }
  }

  @Test
  void transferWithATransferee_isAccepted_andAMalformedOneIs400() {
    String callId = established(CallerScript.silent());
    post(callId, "transfer", transfer("agent-ok", "", ",\"transferee\":{\"identity\":{\"user\":{\"id\":"
        + "\"751f6800-3180-414d-bd94-333364659951\"}},\"participantId\":\"909c6581-5130-43e9-88f3-fcb3582cde37\"}"), 202);
    bot.awaitCall(callId, "deleted", "terminated");
    String other = established(CallerScript.silent());
    post(other, "transfer", transfer("agent-ok", "", ",\"transferee\":{\"participantId\":\"x\"}"), 400);
    post(other, "transfer", transfer("agent-ok", ",\"replacesCallId\":\"\"", ""), 400);
  }

  @Test
  void transferOfAnUnansweredCall_is400_andWithoutTarget400() {
    String callId = raise(CallerScript.silent());
    post(callId, "transfer", transfer("x"), 400);
    String other = established(CallerScript.silent());
    post(other, "transfer", "{}", 400);
  }

  private com.fasterxml.jackson.databind.JsonNode failure(String callId) {
    return bot.await(i -> i.isFor(callId) && "established".equals(i.state()) && i.data().has("resultInfo"),
        Duration.ofSeconds(10)).data();
  }

  /** The call's updates in order: states, and audio changes as {@code audio:<state>}. */
  private List<String> order(String callId) {
    return bot.items(callId).stream().filter(i -> !i.isOperation())
        .map(i -> i.data().has("mediaState") ? "audio:" + i.data().path("mediaState").path("audio").asText() : i.state())
        .toList();
  }
}
