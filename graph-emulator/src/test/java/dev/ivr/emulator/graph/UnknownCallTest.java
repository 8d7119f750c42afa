package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.GraphHttp;
import org.junit.jupiter.api.Test;

class UnknownCallTest extends CallTestSupport {

  @Test
  void everyActionOnAnUnknownCall_is404WithGraphsErrorBody() {
    String id = "0b1d0000-0000-4000-8000-000000000000";
    String media = GraphHttp.play("", "https://cdn.example.com/a.wav");
    var http = http();
    assertThat(http.get("/communications/calls/" + id).statusCode()).isEqualTo(404);
    assertThat(http.delete("/communications/calls/" + id).statusCode()).isEqualTo(404);
    assertThat(http.post("/communications/calls/" + id + "/answer", GraphHttp.answerBody()).statusCode()).isEqualTo(404);
    assertThat(http.post("/communications/calls/" + id + "/playPrompt", media).statusCode()).isEqualTo(404);
    assertThat(http.post("/communications/calls/" + id + "/recordResponse", "{}").statusCode()).isEqualTo(404);
    assertThat(http.post("/communications/calls/" + id + "/subscribeToTone", "{}").statusCode()).isEqualTo(404);
    assertThat(http.post("/communications/calls/" + id + "/cancelMediaProcessing", "{}").statusCode()).isEqualTo(404);
    assertThat(http.post("/communications/calls/" + id + "/keepAlive", "").statusCode()).isEqualTo(404);
    var body = GraphHttp.json(http.post("/communications/calls/" + id + "/keepAlive", "").body());
    assertThat(body.at("/error/code").asText()).isEqualTo("NotFound");
    assertThat(body.at("/error/innerError/request-id").asText()).isNotBlank();
    assertThat(body.at("/error/innerError/date").asText()).isNotBlank();
  }
}
