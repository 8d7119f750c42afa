package dev.ivr.api.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.api.console.ConsoleProperties;
import dev.ivr.api.console.CountingCallQueries;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the live calls are counted from visibility: refused busy calls and calls waiting to retry hold no slot. */
class LiveCallsCountTest {

  @Test
  void outboundCallsWaitingBetweenAttempts_andBusyRefusals_areNotLive() {
    var queries = new CountingCallQueries(Map.of(LiveCalls.RUNNING, 7L, LiveCalls.RUNNING_BUSY, 1L,
        LiveCalls.RUNNING_WAITING, 2L));
    LiveCalls live = new LiveCalls(queries, queries.liveness(), new ConsoleProperties(Duration.ofMillis(500), 100, Duration.ofMinutes(10), 50, 25),
        new AdmissionProperties(5, AdmissionProperties.BusyAnswer.REJECT, "busy", Duration.ofSeconds(1), Duration.ofSeconds(3)), () -> 0L);

    live.recount();

    assertThat(live.live()).isEqualTo(4);
    assertThat(live.tryAdmit("call-" + "1".repeat(32))).as("the fifth of five slots").isTrue();
    assertThat(live.tryAdmit("call-" + "2".repeat(32))).isFalse();
    assertThat(LiveCalls.RUNNING_WAITING).endsWith("AND CallState = 'waitingToRetry'");
  }
}
