package dev.ivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

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
  void recordingThatAnswers401() {
    assertThat(downloadStatus("unauthorized")).isEqualTo(401);
  }
}
