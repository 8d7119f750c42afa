package dev.ivr.emulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.FaultPlan;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchedNotificationFaultTest extends FaultTestSupport {

  @Test
  void queuedNotifications_areSentTogetherInOneValueArray() {
    String callId = established(FaultPlan.builder().batchNotifications(true).build(), CallerScript.silent());
    http.post("/communications/calls/" + callId + "/subscribeToTone", "{}");
    emulator.pressKeys(callId, "123456", 0.0001);
    bot.await(i -> i.data().path("toneInfo").path("sequenceId").asInt() == 6, Duration.ofSeconds(10));
    assertThat(bot.posts()).anyMatch(p -> p.body().path("value").size() > 1);
    var seq = bot.items(callId).stream().filter(i -> i.data().path("toneInfo").isObject())
        .map(i -> i.data().path("toneInfo").path("sequenceId").asInt()).toList();
    assertThat(seq).containsExactly(1, 2, 3, 4, 5, 6);
  }
}
