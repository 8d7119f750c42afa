package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.PayloadStyle;
import dev.ivr.emulator.media.Wav;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every documented record completion reason can be produced ({@code FaultPlan.recordCompletions}). */
class RecordCompletionsTest extends CallTestSupport {

  /** status, code, completionReason and whether a recording comes with it, per subcode (the README's table). */
  private static final Map<Integer, Object[]> EXPECTED = Map.ofEntries(
      Map.entry(8508, new Object[] {"failed", 400, "operationCanceled", false}),
      Map.entry(8509, new Object[] {"completed", 200, "maxSilenceTimeout", true}),
      Map.entry(8510, new Object[] {"failed", 400, "initialSilenceTimeout", false}),
      Map.entry(8511, new Object[] {"failed", 400, "playPromptFailed", false}),
      Map.entry(8512, new Object[] {"failed", 400, "playBeepFailed", false}),
      Map.entry(8513, new Object[] {"failed", 400, "mediaReceiveTimeout", false}),
      Map.entry(8514, new Object[] {"completed", 200, "stopToneDetected", true}),
      Map.entry(8515, new Object[] {"completed", 200, "maxRecordDurationReached", true}),
      Map.entry(8588, new Object[] {"completed", 200, "mediaReceiveTimeout", true}),
      Map.entry(8589, new Object[] {"failed", 429, "unspecifiedError", false}),
      Map.entry(9999, new Object[] {"failed", 500, "unspecifiedError", false}));

  @ParameterizedTest
  @ValueSource(ints = {8508, 8509, 8510, 8511, 8512, 8513, 8514, 8515, 8588, 8589, 9999})
  void eachSubcode_endsTheRecordAsTheTableSays_inTheDocsShape(int subcode) {
    JsonNode done = record(graph.emulator(), bot, subcode);
    Object[] e = EXPECTED.get(subcode);
    assertThat(done.path("status").asText()).isEqualTo(e[0]);
    assertThat(done.path("resultInfo").path("code").asInt()).isEqualTo(e[1]);
    assertThat(done.path("resultInfo").path("subcode").asInt()).isEqualTo(subcode);
    boolean recording = (boolean) e[3];
    assertThat(done.path("recordingLocation").asText().isEmpty()).as("recording of %d", subcode).isEqualTo(!recording);
    if ("failed".equals(e[0])) {
      assertThat(done.path("completionReason").asText()).isEqualTo(e[2]);
    } else {
      assertThat(done.has("completionReason")).as("a completed record, as call-record's example").isFalse();
    }
  }

  @Test
  void richPayloads_nameTheCompletionReasonOfEverySubcode() {
    try (GraphEmulator rich = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20).withPayloadStyle(PayloadStyle.RICH))) {
      for (int subcode : new int[] {8513, 8588, 8589}) {
        try (BotEndpoint richBot = BotEndpoint.start()) {
          assertThat(record(rich, richBot, subcode).path("completionReason").asText()).isEqualTo(EXPECTED.get(subcode)[2]);
        }
      }
    }
  }

  @Test
  void forcedCompletions_applyToTheCallsRecordsInOrder_zeroMeaningAsTheCallerMakesIt() {
    GraphEmulator emulator = graph.emulator();
    var http = new GraphHttp(emulator);
    // the caller speaks in the first recording only; the second fails before recording; the third hears silence
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri())
        .withScript(CallerScript.parse("- waitFor: recordingStarted\n- speak: 1\n"))
        .withFaults(FaultPlan.builder().recordCompletions(0, 8512).build()));
    bot.awaitIncoming();
    GraphHttp.answerAndEstablish(http, bot, callId);
    String first = GraphHttp.json(http.post("/communications/calls/" + callId + "/recordResponse",
        GraphHttp.record("\"maxSilenceTimeoutInSeconds\":1")).body()).get("id").asText();
    String second = GraphHttp.json(http.post("/communications/calls/" + callId + "/recordResponse",
        GraphHttp.record("\"maxSilenceTimeoutInSeconds\":1")).body()).get("id").asText();
    String third = GraphHttp.json(http.post("/communications/calls/" + callId + "/recordResponse",
        GraphHttp.record("\"initialSilenceTimeoutInSeconds\":1")).body()).get("id").asText();
    assertThat(bot.awaitOperation(callId, first).data().path("resultInfo").path("subcode").asInt()).isEqualTo(8509);
    assertThat(bot.awaitOperation(callId, second).data().path("resultInfo").path("subcode").asInt()).isEqualTo(8512);
    assertThat(bot.awaitOperation(callId, third).data().path("resultInfo").path("subcode").asInt()).isEqualTo(8510);
  }

  @Test
  void aSubcodeTheEmulatorCannotProduce_isRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FaultPlan.builder().recordCompletions(8535).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8535");
  }

  /** The caller speaks 1 s once the recording starts: every reason could keep a recording. */
  private static CallerScript speaker() {
    return CallerScript.parse("- waitFor: recordingStarted\n- speak: 1\n");
  }

  private static JsonNode record(GraphEmulator emulator, BotEndpoint bot, int subcode) {
    var http = new GraphHttp(emulator);
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withScript(speaker())
        .withFaults(FaultPlan.builder().recordCompletions(subcode).build()));
    bot.awaitIncoming();
    GraphHttp.answerAndEstablish(http, bot, callId);
    String prompt = bot.prompt("q" + subcode + ".wav", Wav.silence(0.5));
    var r = http.post("/communications/calls/" + callId + "/recordResponse", GraphHttp.record(
        "\"maxSilenceTimeoutInSeconds\":1,\"prompts\":[{\"@odata.type\":\"#microsoft.graph.mediaPrompt\",\"mediaInfo\":{\"uri\":\""
            + prompt + "\"}}]"));
    assertThat(r.statusCode()).isEqualTo(200);
    return bot.awaitOperation(callId, GraphHttp.json(r.body()).get("id").asText()).data();
  }
}
