package dev.ivr.flowtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivr.emulator.Callee;
import org.junit.jupiter.api.Test;

/** A flow test case's callees: an emulator outcome, optionally with the resultInfo Graph ends the attempt with. */
class FlowTestCalleeTest {

  @Test
  void anOutcome_keepsItsDefaultResult_andACodeSubcodeReplacesIt() {
    assertThat(FlowTestRunner.callee("BUSY").endResult()).isEqualTo(new Callee.Result(486, 8539, "Callee Busy."));
    Callee gone = FlowTestRunner.callee(" UNREACHABLE 408/8544 ");
    assertThat(gone.outcome()).isEqualTo(Callee.Outcome.UNREACHABLE);
    assertThat(gone.endResult().code()).isEqualTo(408);
    assertThat(gone.endResult().subcode()).isEqualTo(8544);
  }

  @Test
  void aMalformedCallee_isRefusedWithTheReason() {
    assertThatThrownBy(() -> FlowTestRunner.callee("UNREACHABLE 408")).hasMessageContaining("OUTCOME code/subcode");
    assertThatThrownBy(() -> FlowTestRunner.callee("SOMETIMES")).isInstanceOf(IllegalArgumentException.class);
  }
}
