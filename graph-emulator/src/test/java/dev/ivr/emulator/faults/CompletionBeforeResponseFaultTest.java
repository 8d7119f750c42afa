package dev.ivr.emulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.media.Wav;
import org.junit.jupiter.api.Test;

class CompletionBeforeResponseFaultTest extends FaultTestSupport {

  @Test
  void completionNotification_arrivesBeforeThePlayPromptResponse() {
    String callId = established(FaultPlan.builder().completionBeforeResponse(true).build(), CallerScript.silent());
    var r = http.post("/communications/calls/" + callId + "/playPrompt", GraphHttp.play("", bot.prompt("p.wav", Wav.silence(1))));
    long responded = System.nanoTime();
    assertThat(r.statusCode()).isEqualTo(200);
    var op = GraphHttp.json(r.body());
    assertThat(op.get("status").asText()).isEqualTo("running");
    var done = bot.items(callId).stream().filter(i -> i.isOperation(op.get("id").asText())).findFirst();
    assertThat(done).isPresent();
    assertThat(done.get().post().nanos()).isLessThan(responded);
  }
}
