package dev.ivr.emulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.GraphHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DelayedNotificationFaultTest extends FaultTestSupport {

  @Test
  void delayedNotifications_areHeldBackTheGivenEmulatedSeconds() {
    String callId = raise(FaultPlan.builder().delay(1.0, 4.0).build(), CallerScript.silent());
    http.post("/communications/calls/" + callId + "/answer", GraphHttp.answerBody());
    bot.awaitCall(callId, "updated", "establishing");
    var answer = emulator.journal(callId).stream().filter(e -> e.isRequest() && e.path().endsWith("/answer")).findFirst().orElseThrow();
    var establishing = emulator.journal(callId).stream().filter(e -> e.isNotification() && e.body().contains("\"establishing\""))
        .findFirst().orElseThrow();
    // 4 emulated seconds at 20x: at least 200 ms of real time after the answer arrived
    assertThat(Duration.ofNanos(establishing.startNanos() - answer.startNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(190));
  }

  @Test
  void parallelDelivery_postsACallsNotificationsConcurrently() {
    String callId = established(FaultPlan.builder().parallelDelivery(true).build(), CallerScript.silent());
    http.post("/communications/calls/" + callId + "/subscribeToTone", "{}");
    emulator.pressKeys(callId, "1234567890", 0.0001);
    bot.await(i -> bot.items(callId).stream().filter(x -> x.data().path("toneInfo").isObject()).count() == 10, Duration.ofSeconds(10));
    assertThat(bot.items(callId).stream().filter(x -> x.data().path("toneInfo").isObject())).hasSize(10);
  }
}
