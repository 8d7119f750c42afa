package dev.ivr.emulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.GraphHttp;
import org.junit.jupiter.api.Test;

class RecordingFaultsTest extends FaultTestSupport {

  private int downloadStatus(String recordingFault) {
    String callId = established(FaultPlan.builder().recordingFault(recordingFault).build(), CallerScript.defaults());
    var r = http.post("/communications/calls/" + callId + "/recordResponse", GraphHttp.record(""));
    var done = bot.awaitOperation(callId, GraphHttp.json(r.body()).get("id").asText()).data();
    return http.download(done.path("recordingLocation").asText(), done.path("recordingAccessToken").asText(), null).statusCode();
  }

  @Test
  void recordingThatAnswers404() {
    assertThat(downloadStatus("notFound")).isEqualTo(404);
  }

  @Test
  void recordingThatFailsThreeTimes_thenServesTheWav() {
    String callId = established(FaultPlan.builder().recordingFault("failFirst:3").build(), CallerScript.defaults());
    var r = http.post("/communications/calls/" + callId + "/recordResponse", GraphHttp.record(""));
    var done = bot.awaitOperation(callId, GraphHttp.json(r.body()).get("id").asText()).data();
    String location = done.path("recordingLocation").asText();
    String token = done.path("recordingAccessToken").asText();
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(http.download(location, token, null).statusCode()).as("attempt " + attempt).isEqualTo(503);
    }
    assertThat(http.download(location, token, null).statusCode()).isEqualTo(200);
  }

  @Test
  void recordingThatAnswers401() {
    assertThat(downloadStatus("unauthorized")).isEqualTo(401);
  }
}
