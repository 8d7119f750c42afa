package dev.ivr.emulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.media.Wav;
import java.util.List;
import org.junit.jupiter.api.Test;

class LateOperationNotificationFaultTest extends FaultTestSupport {

  @Test
  void remoteHangupRacingAPrompt_deliversTheOperationNotificationAfterTerminated() {
    String callId = established(FaultPlan.builder().lateOperationNotifications(true).build(), CallerScript.silent());
    var r = http.post("/communications/calls/" + callId + "/playPrompt", GraphHttp.play("", bot.prompt("l.wav", Wav.silence(60))));
    String opId = GraphHttp.json(r.body()).get("id").asText();
    emulator.hangUp(callId);
    bot.awaitOperation(callId, opId);
    List<String> order = bot.items(callId).stream().map(i -> i.isOperation() ? "op" : i.state()).toList();
    assertThat(order).containsSubsequence("terminated", "op");
    assertThat(http.post("/communications/calls/" + callId + "/playPrompt", GraphHttp.play("", "https://x/a.wav")).statusCode())
        .isEqualTo(404);
  }
}
