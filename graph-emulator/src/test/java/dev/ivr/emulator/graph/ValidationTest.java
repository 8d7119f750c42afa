package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphHttp;
import org.junit.jupiter.api.Test;

/** Every validation 400 of the issue, with Graph's error body. */
class ValidationTest extends CallTestSupport {

  private static final String MEDIA = "\"mediaConfig\":{\"@odata.type\":\"#microsoft.graph.serviceHostedMediaConfig\"}";

  private void assert400(String callId, String action, String body, String messagePart) {
    var r = http().post("/communications/calls/" + callId + "/" + action, body);
    assertThat(r.statusCode()).as(action + " " + body).isEqualTo(400);
    var err = GraphHttp.json(r.body()).get("error");
    assertThat(err.get("code").asText()).isEqualTo("BadRequest");
    assertThat(err.get("message").asText()).contains(messagePart);
    assertThat(err.get("innerError").get("request-id").asText()).isNotBlank();
  }

  @Test
  void answer_withoutAcceptedModalitiesOrMediaConfig_is400() {
    String callId = raise(CallerScript.silent());
    assert400(callId, "answer", "{" + MEDIA + "}", "acceptedModalities");
    assert400(callId, "answer", "{\"acceptedModalities\":[\"audio\"]}", "mediaConfig");
    assert400(callId, "answer", "{\"acceptedModalities\":[\"Audio\"]," + MEDIA + "}", "Audio");
    assert400(callId, "answer", "{\"acceptedModalities\":{\"$id\":\"1\",\"$values\":[\"audio\"]}," + MEDIA + "}", "acceptedModalities");
    assert400(callId, "answer", "{\"$id\":\"1\",\"acceptedModalities\":[\"audio\"]," + MEDIA + "}", "$id");
    assert400(callId, "answer", "{\"acceptedModalities\":[\"audio\"],\"mediaConfig\":{}}", "@odata.type");
  }

  @Test
  void callbackUri_mustBeHttps_exceptOnLoopback() {
    String callId = raise(CallerScript.silent());
    assert400(callId, "answer", "{\"callbackUri\":\"http://bot.example.com/cb\",\"acceptedModalities\":[\"audio\"]," + MEDIA + "}", "https");
    var create = http().post("/communications/calls", GraphHttp.rawOutbound("http://bot.example.com/cb", "+14255550100", true));
    assertThat(create.statusCode()).isEqualTo(400);
    post(callId, "answer", "{\"callbackUri\":\"http://127.0.0.1:1/cb\",\"acceptedModalities\":[\"audio\"]," + MEDIA + "}", 202);
  }

  @Test
  void loopbackHttpAllowance_canBeSwitchedOff() {
    try (GraphEmulator strict = GraphEmulator.start(EmulatorConfig.defaults().withLoopbackHttpAllowed(false))) {
      var http = new GraphHttp(strict);
      var r = http.post("/communications/calls", GraphHttp.rawOutbound("http://127.0.0.1:9/cb", "+14255550100", true));
      assertThat(r.statusCode()).isEqualTo(400);
    }
  }

  @Test
  void namedHttpHosts_canBeAllowedForDevelopment() {
    try (GraphEmulator dev = GraphEmulator.start(EmulatorConfig.defaults().withHttpAllowedHosts(java.util.Set.of("api")))) {
      var http = new GraphHttp(dev);
      assertThat(http.post("/communications/calls", GraphHttp.rawOutbound("http://api:8080/cb", "+14255550100", true))
          .statusCode()).isEqualTo(201);
      assertThat(http.post("/communications/calls", GraphHttp.rawOutbound("http://other:8080/cb", "+14255550100", true))
          .statusCode()).isEqualTo(400);
    }
  }

  @Test
  void playPrompt_withMoreThan20Prompts_orNone_is400() {
    String callId = established(CallerScript.silent());
    StringBuilder sb = new StringBuilder("{\"prompts\":[");
    for (int i = 0; i < 21; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"@odata.type\":\"#microsoft.graph.mediaPrompt\",\"mediaInfo\":{\"uri\":\"https://x/a.wav\"}}");
    }
    assert400(callId, "playPrompt", sb.append("]}").toString(), "at most 20");
    assert400(callId, "playPrompt", "{\"prompts\":[]}", "prompts");
    assert400(callId, "playPrompt", "{\"prompts\":[{\"mediaInfo\":{}}]}", "uri");
  }

  @Test
  void recordResponse_withTwoPromptsTimeoutsOutOfRangeBadStopTonesOrLongContext_is400() {
    String callId = established(CallerScript.silent());
    String prompt = "{\"@odata.type\":\"#microsoft.graph.mediaPrompt\",\"mediaInfo\":{\"uri\":\"https://x/a.wav\"}}";
    assert400(callId, "recordResponse", "{\"prompts\":[" + prompt + "," + prompt + "]}", "at most 1");
    for (String f : new String[] {"initialSilenceTimeoutInSeconds", "maxSilenceTimeoutInSeconds", "maxRecordDurationInSeconds"}) {
      assert400(callId, "recordResponse", "{\"" + f + "\":0}", f);
      assert400(callId, "recordResponse", "{\"" + f + "\":121}", f);
    }
    assert400(callId, "recordResponse", "{\"maxRecordDurationInSeconds\":500}", "maxRecordDurationInSeconds");
    assert400(callId, "recordResponse", "{\"stopTones\":[\"#\",\"x\"]}", "stop tone");
    assert400(callId, "recordResponse", "{\"clientContext\":\"" + "c".repeat(257) + "\"}", "clientContext");
    post(callId, "recordResponse", "{\"clientContext\":\"" + "c".repeat(256) + "\",\"maxRecordDurationInSeconds\":120,"
        + "\"initialSilenceTimeoutInSeconds\":1,\"stopTones\":[\"0\",\"9\",\"*\",\"#\"]}", 200);
  }

  @Test
  void clientContextOver256_isRejectedOnEveryOperation() {
    String callId = established(CallerScript.silent());
    String cc = "{\"clientContext\":\"" + "c".repeat(257) + "\"}";
    assert400(callId, "subscribeToTone", cc, "clientContext");
    assert400(callId, "cancelMediaProcessing", cc, "clientContext");
  }

  @Test
  void malformedJson_is400() {
    String callId = raise(CallerScript.silent());
    assert400(callId, "answer", "{not json", "not valid JSON");
  }
}
