package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.GraphHttp;
import org.junit.jupiter.api.Test;

class ActionAliasTest extends CallTestSupport {

  @Test
  void namespaceQualifiedActions_areAccepted() {
    String callId = raise(CallerScript.silent());
    post(callId, "microsoft.graph.answer", GraphHttp.answerBody(), 202);
    bot.awaitCall(callId, "updated", "established");
    post(callId, "microsoft.graph.subscribeToTone", "{}", 200);
    post(callId, "microsoft.graph.keepAlive", "", 200);
  }

  @Test
  void theBrokenPathOfIssue616_is404NoHttpResource() {
    var r = http().post("/communications/calls('microsoft.graph.playPrompt')", "{}");
    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void callIds_matchIgnoringCaseAndDashes_likeResourceUrlsDo() {
    String callId = raise(CallerScript.silent());
    String squashed = callId.replace("-", "").toUpperCase();
    assertThat(http().get("/communications/calls/" + squashed).statusCode()).isEqualTo(200);
  }
}
