package dev.ivr.emulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.GraphHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DroppedNotificationFaultTest extends FaultTestSupport {

  @Test
  void droppedNotifications_neverArrive_butTheCallStillProgresses() {
    String callId = raise(FaultPlan.builder().dropProbability(1.0).build(), CallerScript.silent());
    http.post("/communications/calls/" + callId + "/answer", GraphHttp.answerBody());
    assertThat(BotEndpoint.eventually(() -> "established".equals(emulator.call(callId).state()))).isTrue();
    BotEndpoint.sleep(100);
    assertThat(bot.items(callId)).extracting(BotEndpoint.Item::changeType).containsExactly("created");
    assertThat(http.get("/communications/calls/" + callId).statusCode()).isEqualTo(200);
    assertThat(Duration.ZERO).isZero();
  }
}
