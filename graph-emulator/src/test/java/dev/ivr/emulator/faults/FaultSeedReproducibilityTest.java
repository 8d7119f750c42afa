package dev.ivr.emulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.FaultPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultSeedReproducibilityTest {

  @Test
  void sameSeed_sameFaultDecisions() {
    var plan = FaultPlan.builder().duplicateProbability(0.5).graphError(new FaultPlan.GraphError(503, null, 0, 0.3, 0)).build();
    assertThat(decisions(new FaultDice(plan, 99))).isEqualTo(decisions(new FaultDice(plan, 99)));
    assertThat(decisions(new FaultDice(plan, 99))).isNotEqualTo(decisions(new FaultDice(plan, 100)));
  }

  @Test
  void faultPlan_readsFromJsonWithDefaults() throws Exception {
    var plan = dev.ivr.emulator.http.Json.MAPPER.readValue("{\"pascalCaseEnums\":true,\"dropCallAfterSeconds\":3}", FaultPlan.class);
    assertThat(plan.pascalCaseEnums()).isTrue();
    assertThat(plan.dropCallCode()).isEqualTo(500);
    assertThat(plan.dropCallSubcode()).isEqualTo(7106);
    assertThat(plan.recordingFault()).isEqualTo("none");
  }

  private static List<Boolean> decisions(FaultDice dice) {
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      out.add(dice.roll(dice.plan().duplicateProbability()));
      out.add(dice.graphError("answer") != null);
    }
    return out;
  }
}
