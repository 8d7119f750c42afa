package dev.ivr.emulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.FaultPlan;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MidCallDropFaultTest extends FaultTestSupport {

  @Test
  void serverDropsTheCallMidway_with500_7106() {
    String callId = established(FaultPlan.builder().dropCallAfterSeconds(3).build(), CallerScript.silent());
    assertThat(emulator.awaitCallEnded(callId, Duration.ofSeconds(10))).isTrue();
    var end = bot.awaitCall(callId, "deleted", "terminated").data();
    assertThat(end.path("resultInfo").path("code").asInt()).isEqualTo(500);
    assertThat(end.path("resultInfo").path("subcode").asInt()).isEqualTo(7106);
    assertThat(end.path("resultInfo").path("message").asText()).isEqualTo("Server Internal Error. DiagCode: 500#7106.@");
    assertThat(end.path("terminationReason").asText()).isEqualTo("CallTerminated");
  }
}
