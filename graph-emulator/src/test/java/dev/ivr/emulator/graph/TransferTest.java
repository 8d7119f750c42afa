package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.Callee;
import dev.ivr.emulator.CallerScript;
import org.junit.jupiter.api.Test;

class TransferTest extends CallTestSupport {

  static String transfer(String userId) {
    return "{\"transferTarget\":{\"@odata.type\":\"#microsoft.graph.invitationParticipantInfo\",\"endpointType\":\"default\","
        + "\"identity\":{\"@odata.type\":\"#microsoft.graph.identitySet\",\"user\":{\"@odata.type\":\"#microsoft.graph.identity\","
        + "\"id\":\"" + userId + "\",\"displayName\":\"Agent\"}}}}";
  }

  @Test
  void successfulTransfer_goesTransferringThenTransferAcceptedThenTerminated0_7015() {
    String callId = established(CallerScript.silent());
    post(callId, "transfer", transfer("agent-ok"), 202);
    var end = bot.awaitCall(callId, "deleted", "terminated");
    var states = bot.items(callId).stream().filter(i -> !i.isOperation()).map(BotEndpoint.Item::state).toList();
    assertThat(states).containsSubsequence("established", "transferring", "transferAccepted", "terminated");
    assertThat(end.data().path("resultInfo").path("code").asInt()).isEqualTo(0);
    assertThat(end.data().path("resultInfo").path("subcode").asInt()).isEqualTo(7015);
    assertThat(end.data().path("resultInfo").path("message").asText()).isEqualTo("GracefulTransferCompleted");
  }

  @Test
  void failedTransfer_goesTransferringThenBackToEstablishedWith500() {
    emulator().registerCallee("agent-away", Callee.of(Callee.Outcome.NO_ANSWER));
    String callId = established(CallerScript.silent());
    post(callId, "transfer", transfer("agent-away"), 202);
    var back = bot.await(i -> callId.equals(i.callId()) && "established".equals(i.state()) && i.data().has("resultInfo"),
        java.time.Duration.ofSeconds(10));
    assertThat(back.data().path("resultInfo").path("code").asInt()).isEqualTo(500);
    assertThat(back.data().path("resultInfo").path("subcode").asInt()).isIn(7000, 7700);
    assertThat(emulator().call(callId).state()).isEqualTo("established");
  }

  @Test
  void transferOfAnUnansweredCall_is400_andWithoutTarget400() {
    String callId = raise(CallerScript.silent());
    post(callId, "transfer", transfer("x"), 400);
    String other = established(CallerScript.silent());
    post(other, "transfer", "{}", 400);
  }
}
