package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.CallerScript;
import org.junit.jupiter.api.Test;

class RejectTest extends CallTestSupport {

  @Test
  void reject_is202_thenABareDeletedWithoutEstablishing() {
    String callId = raise(CallerScript.silent());
    post(callId, "reject", "{\"reason\":\"busy\"}", 202);
    var deleted = bot.awaitCall(callId, "deleted", "terminated");
    assertThat(deleted.data().has("resultInfo")).isFalse();
    assertThat(bot.items(callId)).noneMatch(i -> "establishing".equals(i.state()) || "established".equals(i.state()));
  }

  @Test
  void rejectOfAnAnsweredCall_is400_andAnUnknownReasonToo() {
    String callId = established(CallerScript.silent());
    post(callId, "reject", "{\"reason\":\"none\"}", 400);
    String other = raise(CallerScript.silent());
    post(other, "reject", "{\"reason\":\"Busy\"}", 400);
  }
}
