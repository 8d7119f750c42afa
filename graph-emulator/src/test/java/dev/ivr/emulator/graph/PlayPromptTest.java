package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.media.Wav;
import org.junit.jupiter.api.Test;

class PlayPromptTest extends CallTestSupport {

  @Test
  void playPrompt_is200WithLocationAndRunning_thenADeletedCompletion() {
    GraphEmulator emulator = graph.emulator();
    var http = new GraphHttp(emulator);
    String callId = established();
    var r = http.post("/communications/calls/" + callId + "/playPrompt", GraphHttp.play("\"clientContext\":\"c-1\"", bot.prompt("a.wav", Wav.silence(0.5))));
    assertThat(r.statusCode()).isEqualTo(200);
    var op = GraphHttp.json(r.body());
    assertThat(op.get("@odata.type").asText()).isEqualTo("#microsoft.graph.playPromptOperation");
    assertThat(op.get("status").asText()).isEqualTo("running");
    assertThat(op.get("clientContext").asText()).isEqualTo("c-1");
    assertThat(r.headers().firstValue("Location")).contains(emulator.graphBaseUrl() + "/communications/calls/" + callId
        + "/operations/" + op.get("id").asText());
    var done = bot.awaitOperation(callId, op.get("id").asText());
    assertThat(done.changeType()).isEqualTo("deleted");
    assertThat(done.data().path("status").asText()).isEqualTo("completed");
    assertThat(done.data().path("resultInfo").path("message").asText()).isEqualTo("Action completed successfully.");
    assertThat(done.data().path("clientContext").asText()).isEqualTo("c-1");
  }

  @Test
  void promptsQueue_fifoOneAtATime() {
    var http = new GraphHttp(graph.emulator());
    String callId = established();
    String first = GraphHttp.json(http.post("/communications/calls/" + callId + "/playPrompt", GraphHttp.play("", bot.prompt("1.wav", Wav.silence(1)))).body()).get("id").asText();
    String second = GraphHttp.json(http.post("/communications/calls/" + callId + "/playPrompt", GraphHttp.play("", bot.prompt("2.wav", Wav.silence(0.1)))).body()).get("id").asText();
    bot.awaitOperation(callId, second);
    var ops = bot.items(callId).stream().filter(BotEndpoint.Item::isOperation).map(i -> i.resourceUrl().substring(i.resourceUrl().lastIndexOf('/') + 1)).toList();
    assertThat(ops).containsExactly(BotEndpoint.squash(first), BotEndpoint.squash(second));
  }

  @Test
  void wrongWavFormat_failsWith8535() {
    var http = new GraphHttp(graph.emulator());
    String callId = established();
    String uri = bot.prompt("8k.wav", Wav.tone(1.0, 440, 8000, 1, 16));
    var op = GraphHttp.json(http.post("/communications/calls/" + callId + "/playPrompt", GraphHttp.play("", uri)).body());
    var done = bot.awaitOperation(callId, op.get("id").asText()).data();
    assertThat(done.path("status").asText()).isEqualTo("failed");
    assertThat(done.path("resultInfo").path("subcode").asInt()).isEqualTo(8535);
  }

  @Test
  void unreachablePrompt_failsWith8536() {
    var http = new GraphHttp(graph.emulator());
    String callId = established();
    var op = GraphHttp.json(http.post("/communications/calls/" + callId + "/playPrompt", GraphHttp.play("", bot.uri("/prompts/missing.wav"))).body());
    var done = bot.awaitOperation(callId, op.get("id").asText()).data();
    assertThat(done.path("status").asText()).isEqualTo("failed");
    assertThat(done.path("resultInfo").path("subcode").asInt()).isEqualTo(8536);
  }

  @Test
  void lenientPromptFormat_completesAnyway_likeIssue58() {
    try (GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20).withStrictPromptFormat(false))) {
      var http = new GraphHttp(emulator);
      String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
      GraphHttp.answerAndEstablish(http, bot, callId);
      var op = GraphHttp.json(http.post("/communications/calls/" + callId + "/playPrompt", GraphHttp.play("", bot.prompt("stereo.wav", Wav.tone(0.5, 440, 16000, 2, 16)))).body());
      assertThat(bot.awaitOperation(callId, op.get("id").asText()).data().path("status").asText()).isEqualTo("completed");
    }
  }

  @Test
  void resourceId_cachesTheFile_andPreFetchMediaFetchesItAtAnswer() {
    GraphEmulator emulator = graph.emulator();
    var http = new GraphHttp(emulator);
    String uri = bot.prompt("cached.wav", Wav.silence(0.2));
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
    bot.awaitIncoming();
    http.post("/communications/calls/" + callId + "/answer", "{\"acceptedModalities\":[\"audio\"],\"mediaConfig\":{\"@odata.type\":"
        + "\"#microsoft.graph.serviceHostedMediaConfig\",\"preFetchMedia\":[{\"uri\":\"" + uri + "\",\"resourceId\":\"R-1\"}]}}");
    bot.awaitCall(callId, "updated", "established");
    assertThat(BotEndpoint.eventually(() -> emulator.promptFetchCount(uri) == 1)).isTrue();
    String body = "{\"prompts\":[{\"@odata.type\":\"#microsoft.graph.mediaPrompt\",\"mediaInfo\":{\"uri\":\"" + uri + "\",\"resourceId\":\"r-1\"}}]}";
    for (int i = 0; i < 2; i++) {
      var op = GraphHttp.json(http.post("/communications/calls/" + callId + "/playPrompt", body).body());
      bot.awaitOperation(callId, op.get("id").asText());
    }
    assertThat(emulator.promptFetchCount(uri)).isEqualTo(1);
  }

  private String established() {
    GraphEmulator emulator = graph.emulator();
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
    GraphHttp.answerAndEstablish(new GraphHttp(emulator), bot, callId);
    return callId;
  }
}
