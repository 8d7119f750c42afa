package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.media.Wav;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CancelMediaProcessingTest extends CallTestSupport {

  @Test
  void cancel_failsTheRunningAndQueuedOperationsWith8508_butKeepsTheToneSubscription() {
    String callId = established(CallerScript.silent());
    post(callId, "subscribeToTone", "{}", 200);
    String long1 = bot.prompt("long.wav", Wav.silence(60));
    String running = opId(post(callId, "playPrompt", GraphHttp.play("", long1), 200));
    String queued = opId(post(callId, "recordResponse", GraphHttp.record(""), 200));
    var r = http().post("/communications/calls/" + callId + "/cancelMediaProcessing", "{\"clientContext\":\"stop\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    var cancel = GraphHttp.json(r.body());
    assertThat(cancel.get("@odata.type").asText()).isEqualTo("#microsoft.graph.cancelMediaProcessingOperation");
    assertThat(cancel.get("status").asText()).isEqualTo("completed");

    var play = bot.awaitOperation(callId, running).data();
    var rec = bot.awaitOperation(callId, queued).data();
    for (var op : java.util.List.of(play, rec)) {
      assertThat(op.path("status").asText()).isEqualTo("failed");
      assertThat(op.path("resultInfo").path("code").asInt()).isEqualTo(400);
      assertThat(op.path("resultInfo").path("subcode").asInt()).isEqualTo(8508);
    }
    assertThat(rec.path("completionReason").asText()).isEqualTo("operationCanceled");
    assertThat(rec.path("recordingLocation").asText()).isEmpty();

    emulator().pressKeys(callId, "4");
    bot.await(i -> "tone4".equals(i.data().path("toneInfo").path("tone").asText()), Duration.ofSeconds(5));
  }

  @Test
  void bargeInRecord_cancelsTheRunningPromptWith8508_thenRuns() {
    String callId = established(CallerScript.defaults());
    String running = opId(post(callId, "playPrompt", GraphHttp.play("", bot.prompt("l.wav", Wav.silence(60))), 200));
    String rec = opId(post(callId, "recordResponse", GraphHttp.record("\"bargeInAllowed\":true"), 200));
    assertThat(bot.awaitOperation(callId, running).data().path("resultInfo").path("subcode").asInt()).isEqualTo(8508);
    var done = bot.awaitOperation(callId, rec).data();
    assertThat(done.path("status").asText()).isEqualTo("completed");
  }

  @Test
  void recordWithoutBargeIn_waitsInTheQueue() {
    String callId = established(CallerScript.defaults());
    String play = opId(post(callId, "playPrompt", GraphHttp.play("", bot.prompt("s.wav", Wav.silence(1))), 200));
    String rec = opId(post(callId, "recordResponse", GraphHttp.record(""), 200));
    bot.awaitOperation(callId, rec);
    var order = bot.items(callId).stream().filter(BotEndpoint.Item::isOperation).map(BotEndpoint.Item::resourceUrl).toList();
    assertThat(order.get(0)).endsWith(BotEndpoint.squash(play));
    assertThat(order.get(1)).endsWith(BotEndpoint.squash(rec));
  }
}
