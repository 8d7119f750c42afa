package dev.ivr.workflows.interpreter;

import static dev.ivr.workflows.call.CallHarness.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.call.CallHarness;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.FakeGraph.RecordEnd;
import dev.ivr.workflows.event.ResultInfo;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.Nodes;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.RecordSettings;
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

/**
 * Every record completion reason reaches the record node's outcomes, and the transfer and outbound
 * steps end on every documented outcome with the reason (code/subcode) in the path.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GraphReasonsFlowTest {
  private CallHarness harness;

  @AfterEach
  void stop() {
    harness.close();
  }

  /** subcode, status, code, recording, reason, where an unrouted reason goes. */
  @ParameterizedTest
  @CsvSource({
      "8508, failed, 400, false, operationCanceled, error",
      "8509, completed, 200, true, maxSilenceTimeout, next",
      "8510, failed, 400, false, initialSilenceTimeout, noInput",
      "8511, failed, 400, false, playPromptFailed, error",
      "8512, failed, 400, false, playBeepFailed, error",
      "8513, failed, 400, false, mediaReceiveTimeout, error",
      "8514, completed, 200, true, stopToneDetected, next",
      "8515, completed, 200, true, maxRecordDurationReached, next",
      "8588, completed, 200, true, recordCompletedAndMediaReceiveTimeout, next",
      "8589, failed, 429, false, recordThrottled, error",
      "9999, failed, 500, false, unspecifiedError, error"})
  void everyRecordReason_isRoutedByTheFlowsOutcomes_andAnUnroutedOneFallsBack(int subcode, String status, int code,
      boolean recording, String reason, String unrouted) {
    // without a completionReason, as the docs' completed record: the subcode names the reason
    RecordEnd end = new RecordEnd(status, code, subcode, null, recording);

    harness = new CallHarness(true);
    harness.graph.recordEnd = end;
    CallResult routed = harness.run(CallHarness.flow("record", recordFlow(Map.of(reason, "routed"))));
    assertThat(outcomes(routed)).containsSubsequence(
        "record=" + (recording ? "recorded:" + reason : subcode == 8510 ? "noInput" : "failed:" + reason), "routed=completed");
    assertThat(routed.variables().get("message")).asString().contains("reason=" + reason);
    harness.close();

    harness = new CallHarness(true);
    harness.graph.recordEnd = end;
    CallResult fallback = harness.run(CallHarness.flow("record", recordFlow(Map.of())));
    assertThat(outcomes(fallback)).contains(unrouted + "=completed").doesNotContain("routed=completed");
    assertThat(fallback.outcome()).isEqualTo(CallOutcome.COMPLETED);
  }

  @Test
  void aReasonOnlyGraphsCompletionReasonNames_isUsedWhenTheSubcodeIsUnknown() {
    harness = new CallHarness(true);
    harness.graph.recordEnd = new RecordEnd("failed", 400, 8536, "playPromptFailed", false);
    CallResult result = harness.run(CallHarness.flow("record", recordFlow(Map.of("playPromptFailed", "routed"))));
    assertThat(outcomes(result)).containsSubsequence("record=failed:playPromptFailed", "routed=completed");
  }

  @Test
  void consultativeTransfer_endedByAppTransferred_isTransferred_andTheResultSaysWhy() {
    harness = new CallHarness(true);
    harness.graph.transferEndsAppTransferred = true;
    CallResult result = harness.run(transferFlow());
    assertThat(result.outcome()).isEqualTo(CallOutcome.TRANSFERRED);
    assertThat(outcomes(result)).contains("agent=transferred");
    assertThat(result.terminationReason()).isEqualTo("AppTransferred");
    assertThat(result.endReason()).isNull();
  }

  @ParameterizedTest
  @CsvSource({"500, 7000", "500, 7700", "486, 8539", "603, 8538", "480, 10076", "408, 8544"})
  void aFailedTransfer_goesToOnFailure_withGraphsCodeInThePath(int code, int subcode) {
    harness = new CallHarness(true);
    harness.graph.transferSucceeds = false;
    harness.graph.transferFailure = new ResultInfo(code, subcode, "transfer failed");
    CallResult result = harness.run(transferFlow());
    assertThat(outcomes(result)).containsSubsequence("agent=failed:" + code + "/" + subcode, "busy=completed", "end=hangUp");
  }

  @Test
  void aTransferThatEndsTheWholeCall_endsIt_withTheEndReasonInThePath() {
    harness = new CallHarness(true);
    harness.graph.transferTerminates = new ResultInfo(408, 8544, "Callee Unreachable.");
    CallResult result = harness.run(transferFlow());
    assertThat(outcomes(result)).contains("agent=hungUp:408/8544");
    assertThat(result.outcome()).isEqualTo(CallOutcome.CALLER_HUNG_UP);
    assertThat(result.endReason().subcode()).isEqualTo(8544);
    assertThat(harness.graph.requests).doesNotContain("hangUp");
  }

  @ParameterizedTest
  @CsvSource({"408, 10057", "480, 10076", "480, 10037", "486, 8539", "603, 8538", "408, 8544"})
  void anOutboundCallThatIsNeverAnswered_endsAtOnce_withGraphsCodeInThePath(int code, int subcode) {
    harness = new CallHarness(true);
    harness.graph.outboundEnd = new ResultInfo(code, subcode, "not connected");
    CallInput input = CallHarness.outboundGreeting();
    CallResult result = harness.run(input);
    assertThat(outcomes(result)).containsExactly("createCall=failed:" + code + "/" + subcode);
    assertThat(result.outcome()).as("never answered, not a hang-up").isEqualTo(CallOutcome.NO_ANSWER);
    assertThat(result.endReason().code()).isEqualTo(code);
    assertThat(harness.graph.requests).containsExactly("createCall");
  }

  private static Map<String, FlowNode> recordFlow(Map<String, String> outcomes) {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("record", Nodes.record().settings(RecordSettings.defaults()).variable("message").outcomes(outcomes)
        .next("next").noInput("noInput").onError("error").build());
    for (String id : List.of("routed", "next", "noInput", "error")) {
      nodes.put(id, new PlayNode(List.of("goodbye"), "end"));
    }
    nodes.put("end", new HangupNode());
    return nodes;
  }

  private static dev.ivr.workflows.flow.Flow transferFlow() {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("agent", new TransferNode("+15550123", null, null, null, "busy", null));
    nodes.put("busy", new PlayNode(List.of("sorry"), "end"));
    nodes.put("end", new HangupNode());
    return CallHarness.flow("agent", nodes);
  }
}
