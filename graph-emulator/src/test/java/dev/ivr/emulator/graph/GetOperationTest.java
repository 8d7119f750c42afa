package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.media.Wav;
import org.junit.jupiter.api.Test;

class GetOperationTest extends CallTestSupport {

  @Test
  void getOperation_showsRunningThenCompleted_andUnknownIs404() {
    String callId = established(CallerScript.silent());
    String op = opId(post(callId, "playPrompt", GraphHttp.play("", bot.prompt("g.wav", Wav.silence(1))), 200));
    var running = http().get("/communications/calls/" + callId + "/operations/" + op);
    assertThat(running.statusCode()).isEqualTo(200);
    assertThat(GraphHttp.json(running.body()).get("id").asText()).isEqualTo(op);
    bot.awaitOperation(callId, op);
    assertThat(GraphHttp.json(http().get("/communications/calls/" + callId + "/operations/" + op).body()).get("status").asText())
        .isEqualTo("completed");
    assertThat(http().get("/communications/calls/" + callId + "/operations/nope").statusCode()).isEqualTo(404);
  }
}
