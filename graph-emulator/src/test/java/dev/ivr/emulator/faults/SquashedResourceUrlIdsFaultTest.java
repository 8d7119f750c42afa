package dev.ivr.emulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.GraphHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SquashedResourceUrlIdsFaultTest extends FaultTestSupport {

  @Test
  void resourceUrlCarriesUppercaseIdsWithoutDashes_whileResourceDataIdStaysAsIs() {
    String callId = raise(FaultPlan.builder().squashedResourceUrlIds(true).build(), CallerScript.silent());
    String squashed = callId.replace("-", "").toUpperCase();
    var created = bot.await(i -> i.resourceUrl().endsWith(squashed), Duration.ofSeconds(5));
    assertThat(created.resourceUrl()).isEqualTo("/communications/calls/" + squashed);
    assertThat(created.data().path("id").asText()).isEqualTo(callId);
    // the squashed id is accepted back by the Graph surface
    assertThat(http.post("/communications/calls/" + squashed + "/answer", GraphHttp.answerBody()).statusCode()).isEqualTo(202);
  }
}
