package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.emulator.Audio;
import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.CallerScript.Press;
import dev.ivr.emulator.CallerScript.Speak;
import dev.ivr.emulator.CallerScript.Wait;
import dev.ivr.emulator.CallerScript.WaitFor;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.media.Wav;
import org.junit.jupiter.api.Test;

/** prompt → beep → initial silence → speech → max silence / max duration / stop tone / no input. */
class RecordResponseStateMachineTest extends CallTestSupport {

  @Test
  void speechThenLongPause_endsOnMaxSilence8509_withSpeechAndTheTrailingSilenceRecorded() {
    var script = CallerScript.of(new WaitFor("beep"), new Wait(0.5), new Speak(1.0));
    var result = record(script, GraphHttp.record("\"maxSilenceTimeoutInSeconds\":2,\"maxRecordDurationInSeconds\":30"));
    assertCompleted(result.done, 8509, "maxSilenceTimeout");
    // beep 0.5 s, then recording: speech 0..1 s, then 2 s of silence
    assertThat(Wav.read(result.wav).durationSeconds()).isEqualTo(3.0);
    assertThat(Audio.rms(result.wav, 0.1, 0.9)).isGreaterThan(1000);
    assertThat(Audio.rms(result.wav, 1.2, 2.9)).isLessThan(3);
  }

  @Test
  void speechLongerThanTheCap_endsOnMaxRecordDuration8515() {
    var script = CallerScript.of(new WaitFor("recordingStarted"), new Speak(20));
    var result = record(script, GraphHttp.record("\"maxRecordDurationInSeconds\":4"));
    assertCompleted(result.done, 8515, "maxRecordDurationReached");
    assertThat(result.done.path("resultInfo").path("message").asText()).isEqualTo("Action completed, max record duration reached.");
    assertThat(Wav.read(result.wav).durationSeconds()).isEqualTo(4.0);
  }

  @Test
  void stopTone_endsTheRecordingWith8514() {
    var script = CallerScript.of(new WaitFor("recordingStarted"), new Speak(1.5), new Press("#"));
    var result = record(script, GraphHttp.record("\"stopTones\":[\"#\",\"*\"],\"maxRecordDurationInSeconds\":30,\"maxSilenceTimeoutInSeconds\":10"));
    assertCompleted(result.done, 8514, "stopToneDetected");
    assertThat(Wav.read(result.wav).durationSeconds()).isEqualTo(1.5);
  }

  @Test
  void noInput_failsOnInitialSilence8510_withoutARecording() {
    var r = recordRaw(CallerScript.silent(), GraphHttp.record("\"initialSilenceTimeoutInSeconds\":2"));
    assertThat(r.path("status").asText()).isEqualTo("failed");
    assertThat(r.path("resultInfo").path("code").asInt()).isEqualTo(400);
    assertThat(r.path("resultInfo").path("subcode").asInt()).isEqualTo(8510);
    assertThat(r.path("completionReason").asText()).isEqualTo("initialSilenceTimeout");
    assertThat(r.path("recordingLocation").asText()).isEmpty();
    assertThat(r.path("recordingAccessToken").asText()).isEmpty();
  }

  @Test
  void promptDuration_isReadFromTheWavHeader_andTheRecordingStartsAfterPromptAndBeep() {
    // The caller starts talking when the 2 s prompt starts and talks for 3 s: recording starts at
    // 2.0 + 0.5 (beep), so 0.5 s of speech is captured, then 1 s of max silence.
    String prompt = bot.prompt("question.wav", Wav.silence(2.0));
    var script = CallerScript.of(new WaitFor("promptStarted"), new Speak(3.0));
    var result = record(script, GraphHttp.record("\"maxSilenceTimeoutInSeconds\":1,\"prompts\":[{\"@odata.type\":"
        + "\"#microsoft.graph.mediaPrompt\",\"mediaInfo\":{\"uri\":\"" + prompt + "\"}}]"));
    assertCompleted(result.done, 8509, "maxSilenceTimeout");
    assertThat(Wav.read(result.wav).durationSeconds()).isEqualTo(1.5);
  }

  @Test
  void issueExample_silentOneSecondSpeakThreeThenSilence_isExpressibleWithoutABeep() {
    var script = CallerScript.parse("- waitFor: recordingStarted\n- wait: 1\n- speak: 3\n");
    var result = record(script, GraphHttp.record("\"playBeep\":false,\"maxSilenceTimeoutInSeconds\":1,\"maxRecordDurationInSeconds\":30"));
    assertCompleted(result.done, 8509, "maxSilenceTimeout");
    assertThat(Wav.read(result.wav).durationSeconds()).isEqualTo(5.0);
    assertThat(Audio.rms(result.wav, 0.0, 0.95)).isLessThan(3);
    assertThat(Audio.rms(result.wav, 1.05, 3.95)).isGreaterThan(1000);
  }

  @Test
  void sameSeedAndScript_giveTheSameRecordingBytes() {
    byte[] first;
    byte[] second;
    try (GraphEmulator a = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20).withSeed(7));
        GraphEmulator b = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20).withSeed(7))) {
      first = recordOn(a, bot, CallerScript.defaults(), GraphHttp.record("")).wav;
      try (BotEndpoint otherBot = BotEndpoint.start()) {
        second = recordOn(b, otherBot, CallerScript.defaults(), GraphHttp.record("")).wav;
      }
    }
    assertThat(first).isEqualTo(second);
  }

  record Result(JsonNode done, byte[] wav) {}

  private Result record(CallerScript script, String body) {
    return recordOn(graph.emulator(), bot, script, body);
  }

  private static Result recordOn(GraphEmulator emulator, BotEndpoint bot, CallerScript script, String body) {
    var http = new GraphHttp(emulator);
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withScript(script));
    GraphHttp.answerAndEstablish(http, bot, callId);
    var resp = http.post("/communications/calls/" + callId + "/recordResponse", body);
    assertThat(resp.statusCode()).isEqualTo(200);
    String opId = GraphHttp.json(resp.body()).get("id").asText();
    JsonNode done = bot.awaitOperation(callId, opId).data();
    byte[] wav = done.path("status").asText().equals("completed") ? emulator.recordingBytes(callId, opId) : null;
    if (wav != null) {
      assertThat(http.download(done.path("recordingLocation").asText(), done.path("recordingAccessToken").asText(), null).body())
          .isEqualTo(wav);
    }
    return new Result(done, wav);
  }

  private JsonNode recordRaw(CallerScript script, String body) {
    return record(script, body).done;
  }

  /** A completed record as call-record's example has it: the subcode names the reason, no completionReason. */
  private static void assertCompleted(JsonNode done, int subcode, String reason) {
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(done.path("resultInfo").path("code").asInt()).isEqualTo(200);
    assertThat(done.path("resultInfo").path("subcode").asInt()).as(reason).isEqualTo(subcode);
    assertThat(done.has("completionReason")).as("completionReason of a completed record").isFalse();
    assertThat(done.path("recordingLocation").asText()).isNotEmpty();
    assertThat(done.path("recordingAccessToken").asText()).isNotEmpty();
  }

  /** RMS of the samples between two times (seconds). */
}
