package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.IncomingCallSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Many calls at once: each gets its own ordered notifications and its own recording. */
class ConcurrentCallsTest extends CallTestSupport {

  @Test
  void twentyCallsInParallel_eachRecordAndHangUpCleanly() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<String>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(CompletableFuture.supplyAsync(() -> {
          var http = http();
          String callId = emulator().raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
          GraphHttp.answerAndEstablish(http, bot, callId);
          var r = http.post("/communications/calls/" + callId + "/recordResponse", GraphHttp.record(""));
          String opId = GraphHttp.json(r.body()).get("id").asText();
          var done = bot.awaitOperation(callId, opId).data();
          var wav = http.download(done.path("recordingLocation").asText(), done.path("recordingAccessToken").asText(), null);
          assertThat(wav.body()).isEqualTo(emulator().recordingBytes(callId, opId));
          assertThat(http.delete("/communications/calls/" + callId).statusCode()).isEqualTo(204);
          return callId;
        }, pool));
      }
      for (var f : calls) {
        String callId = f.get();
        assertThat(emulator().awaitCallEnded(callId, Duration.ofSeconds(10))).isTrue();
        var states = bot.items(callId).stream().filter(i -> !i.isOperation()).map(BotEndpoint.Item::state).toList();
        assertThat(states).containsExactly("incoming", "establishing", "established", "terminating", "terminated");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
