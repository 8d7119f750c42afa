package dev.ivr.emulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.GraphHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EstablishedOrderFaultsTest extends FaultTestSupport {

  @Test
  void establishedArrivesBeforeEstablishing() {
    String callId = raise(FaultPlan.builder().establishedBeforeEstablishing(true).build(), CallerScript.silent());
    http.post("/communications/calls/" + callId + "/answer", GraphHttp.answerBody());
    bot.await(i -> i.isFor(callId) && "establishing".equals(i.state()), Duration.ofSeconds(5));
    var states = bot.items(callId).stream().map(BotEndpoint.Item::state).toList();
    assertThat(states).containsExactly("incoming", "established", "establishing");
    assertThat(emulator.call(callId).state()).isEqualTo("established");
  }

  @Test
  void establishedIsDeliveredTwice() {
    String callId = established(FaultPlan.builder().establishedTwice(true).build(), CallerScript.silent());
    bot.await(i -> bot.items(callId).stream().filter(x -> "established".equals(x.state())).count() == 2, Duration.ofSeconds(5));
    var established = bot.items(callId).stream().filter(x -> "established".equals(x.state())).toList();
    assertThat(established).hasSize(2);
    assertThat(established.get(0).post().messageId()).isNotEqualTo(established.get(1).post().messageId());
  }
}
