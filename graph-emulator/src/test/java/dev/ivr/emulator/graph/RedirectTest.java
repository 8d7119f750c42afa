package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.Callee;
import dev.ivr.emulator.CallerScript;
import org.junit.jupiter.api.Test;

class RedirectTest extends CallTestSupport {

  static String targets(int n, String extra) {
    StringBuilder sb = new StringBuilder("{\"targets\":[");
    for (int i = 0; i < n; i++) {
      if (i > 0) sb.append(',');
      sb.append("{\"@odata.type\":\"#microsoft.graph.invitationParticipantInfo\",\"identity\":{\"phone\":{\"id\":\"+1425555")
          .append(String.format("%04d", i)).append("\"}}}");
    }
    return sb.append("]").append(extra).append("}").toString();
  }

  @Test
  void redirect_is202_thenDeletedTerminated_withoutEstablished() {
    String callId = raise(CallerScript.silent());
    post(callId, "redirect", targets(1, ",\"timeout\":30"), 202);
    var deleted = bot.awaitCall(callId, "deleted", "terminated");
    assertThat(deleted.data().path("state").asText()).isEqualTo("terminated");
    assertThat(bot.items(callId)).noneMatch(i -> "established".equals(i.state()));
  }

  @Test
  void redirectTimeoutOutside15to90_andMoreThan25Targets_are400() {
    String callId = raise(CallerScript.silent());
    post(callId, "redirect", targets(1, ",\"timeout\":14"), 400);
    post(callId, "redirect", targets(1, ",\"timeout\":91"), 400);
    post(callId, "redirect", targets(26, ""), 400);
    post(callId, "redirect", targets(25, ",\"timeout\":15"), 202);
  }

  @Test
  void redirectToATargetThatNeverAnswers_endsWhenTheTimeoutRunsOut() {
    emulator().registerCallee("+14255550000", Callee.of(Callee.Outcome.NO_ANSWER));
    String callId = raise(CallerScript.silent());
    post(callId, "redirect", targets(1, ",\"timeout\":15"), 202);
    var deleted = bot.awaitCall(callId, "deleted", "terminated");
    assertThat(deleted.data().path("resultInfo").path("code").asInt()).isEqualTo(408);
  }

  @Test
  void redirectOfAnAnsweredCall_is400() {
    String callId = established(CallerScript.silent());
    post(callId, "redirect", targets(1, ""), 400);
  }
}
