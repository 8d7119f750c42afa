package dev.ivr.workflows.interpreter;

import static dev.ivr.workflows.call.CallHarness.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.call.CallHarness;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.event.IncomingCall;
import dev.ivr.workflows.event.ResultInfo;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.TransferNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Transfer failures by reason, consultative transfer, and redirect before answering. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransferOutcomesTest {
  private CallHarness harness;

  @AfterEach
  void stop() {
    harness.close();
  }

  @ParameterizedTest
  @CsvSource({
      "486, 8539, busy",         // the emulator's BUSY callee
      "603, 8538, declined",     // DECLINED
      "408, 10057, noAnswer",    // no signalling from the callee
      "480, 10076, unreachable", // UNREACHABLE
      "480, 10037, unreachable", // NO_ENDPOINTS
      "500, 7000, failed"})      // Graph's documented transfer failure: onFailure, no outcome for it
  void failure_goesToTheOutcomeOfItsReason_elseOnFailure(int code, int subcode, String reason) {
    harness = new CallHarness(true);
    harness.graph.transferSucceeds = false;
    harness.graph.transferFailure = new ResultInfo(code, subcode, "no");

    CallResult result = harness.run(CallHarness.flow("agent", transferFlow(null)));

    assertThat(outcomes(result)).contains("agent=failed:" + code + "/" + subcode);
    String played = Map.of("busy", "hold", "declined", "sorry", "noAnswer", "retry", "unreachable", "closed")
        .getOrDefault(reason, "goodbye");
    assertThat(harness.played()).containsExactly(played);
  }

  @Test
  void consultativeTransfer_replacesTheBotsCall_andNamesTheCallerAsTransferee() {
    harness = new CallHarness(true);
    harness.graph.transferEndsAppTransferred = true;
    Map<String, FlowNode> nodes = transferFlow("consultCallId");
    CallInput input = CallHarness.input(new Flow("consult", "v1", null, null, null,
        Map.of("consultCallId", "5a1e-consult"), null, "agent", null, nodes), Map.of(), Map.of())
        .withIncomingCall(new IncomingCall("+14255550100", "phone", "app-instance-1", "applicationInstance", "t", "c"));

    CallResult result = harness.run(input);

    assertThat(result.outcome()).isEqualTo(CallOutcome.TRANSFERRED);
    var transfer = harness.graph.transfers.get(0);
    assertThat(transfer.replacesCallId()).isEqualTo("5a1e-consult");
    assertThat(transfer.user()).isEqualTo("agent-user-1");
    assertThat(transfer.transfereePhone()).isEqualTo("+14255550100");
    assertThat(transfer.toString()).doesNotContain("4255550100").contains("consultative");
  }

  @Test
  void redirect_atTheStart_forwardsWithoutAnswering() {
    harness = new CallHarness(true);

    CallResult result = harness.run(CallHarness.flow("forward", redirectFlow()));

    assertThat(result.outcome()).isEqualTo(CallOutcome.TRANSFERRED);
    assertThat(outcomes(result)).containsExactly("forward=redirected");
    assertThat(harness.graph.requests).containsExactly("redirect");
    assertThat(harness.graph.redirects.get(0).phone()).isEqualTo("+15550123");
  }

  @Test
  void redirect_thatFails_endsTheCallFailed_namingTheReason() {
    harness = new CallHarness(true);
    harness.graph.redirectEnd = new ResultInfo(486, 8539, "Callee Busy.");

    CallResult result = harness.run(CallHarness.flow("forward", redirectFlow()));

    assertThat(result.outcome()).isEqualTo(CallOutcome.FAILED);
    assertThat(outcomes(result)).containsExactly("forward=busy:486/8539");
    assertThat(harness.graph.requests).containsExactly("redirect");
  }

  private static Map<String, FlowNode> transferFlow(String replacesCallId) {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    Map<String, String> byReason = new LinkedHashMap<>();
    byReason.put("busy", "busy");
    byReason.put("declined", "declined");
    byReason.put("noAnswer", "no-answer");
    byReason.put("unreachable", "unreachable");
    nodes.put("agent", replacesCallId == null
        ? new TransferNode("+15550123", null, null, null, "other", null, byReason, null, null)
        : new TransferNode(null, "agent-user-1", null, null, "other", null, byReason, replacesCallId, null));
    nodes.put("busy", new PlayNode(List.of("hold"), "end"));
    nodes.put("declined", new PlayNode(List.of("sorry"), "end"));
    nodes.put("no-answer", new PlayNode(List.of("retry"), "end"));
    nodes.put("unreachable", new PlayNode(List.of("closed"), "end"));
    nodes.put("other", new PlayNode(List.of("goodbye"), "end"));
    nodes.put("end", new HangupNode());
    return nodes;
  }

  private static Map<String, FlowNode> redirectFlow() {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("forward", new TransferNode("+15550123", null, null, null, null, null, null, null, "redirect"));
    return nodes;
  }
}
