package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.GraphHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnswerDeadlineTest extends CallTestSupport {

  @Test
  void unansweredCall_isDeletedAfter15sWith480_10076_andAnswerIsThen404() {
    String callId = raise(CallerScript.silent());
    assertThat(emulator().awaitCallEnded(callId, Duration.ofSeconds(10))).isTrue();
    var end = bot.awaitCall(callId, "deleted", "terminated").data().path("resultInfo");
    assertThat(end.path("code").asInt()).isEqualTo(480);
    assertThat(end.path("subcode").asInt()).isEqualTo(10076);
    post(callId, "answer", GraphHttp.answerBody(), 404);
  }
}
