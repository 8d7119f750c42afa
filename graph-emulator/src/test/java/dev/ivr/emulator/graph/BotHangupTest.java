package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.IncomingCallSpec;
import org.junit.jupiter.api.Test;

class BotHangupTest extends CallTestSupport {

  @Test
  void deleteCall_is204_thenTerminating_thenTerminated200_5001_inStrings() {
    GraphEmulator emulator = graph.emulator();
    var http = new GraphHttp(emulator);
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
    GraphHttp.answerAndEstablish(http, bot, callId);
    assertThat(http.delete("/communications/calls/" + callId).statusCode()).isEqualTo(204);
    bot.awaitCall(callId, "deleted", "terminated");
    var states = bot.items(callId).stream().filter(i -> !i.isOperation()).map(i -> i.changeType() + "/" + i.state()).toList();
    assertThat(states).containsExactly("created/incoming", "updated/establishing", "updated/established",
        "updated/terminating", "deleted/terminated");
    assertThat(bot.items(callId).get(3).data().properties()).extracting(java.util.Map.Entry::getKey)
        .containsExactly("@odata.type", "state");
    var end = bot.items(callId).get(4).data().path("resultInfo");
    assertThat(end.path("code").isTextual()).as("call-delete's example sends the codes as strings").isTrue();
    assertThat(end.path("code").asText()).isEqualTo("200");
    assertThat(end.path("subcode").asText()).isEqualTo("5001");
    assertThat(end.path("message").asText()).isEqualTo("The conversation has ended.");
    var view = emulator.call(callId);
    assertThat(view.ended()).isTrue();
    assertThat(view.endSubcode()).isEqualTo(5001);
  }

  @Test
  void deleteDuringARunningPrompt_sendsNoPromptCompletion() {
    GraphEmulator emulator = graph.emulator();
    var http = new GraphHttp(emulator);
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
    GraphHttp.answerAndEstablish(http, bot, callId);
    String uri = bot.prompt("long.wav", dev.ivr.emulator.media.Wav.silence(60));
    var r = http.post("/communications/calls/" + callId + "/playPrompt",
        "{\"prompts\":[{\"@odata.type\":\"#microsoft.graph.mediaPrompt\",\"mediaInfo\":{\"uri\":\"" + uri + "\"}}]}");
    String opId = GraphHttp.json(r.body()).get("id").asText();
    http.delete("/communications/calls/" + callId);
    bot.awaitCall(callId, "deleted", "terminated");
    BotEndpoint.sleep(100);
    assertThat(bot.items(callId)).noneMatch(i -> i.isOperation(opId));
  }
}
