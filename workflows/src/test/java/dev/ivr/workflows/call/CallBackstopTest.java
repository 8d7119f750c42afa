package dev.ivr.workflows.call;

import static dev.ivr.workflows.call.CallHarness.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.Nodes;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.RecordSettings;
import io.temporal.api.enums.v1.EventType;
import io.temporal.testing.WorkflowReplayer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An injected bug (an activity that returns null) ends the call cleanly instead of retrying for ever. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallBackstopTest {
  private CallHarness harness;

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void unexpectedException_hangsUpFailedKeepsRecordingsAndNamesTheCause() throws Exception {
    harness = new CallHarness(true);
    harness.graph.promptReturnsNull = 1;

    CallResult result = harness.run(CallHarness.flow("record", recordThenPlay()));

    assertThat(result.outcome()).isEqualTo(CallOutcome.FAILED);
    assertThat(outcomes(result)).containsSubsequence("record=recorded:maxSilenceTimeout", "thanks=bug");
    assertThat(result.recordings()).hasSize(1);
    assertThat(result.failure()).startsWith("java.lang.NullPointerException").contains(" at dev.ivr.workflows.");
    assertThat(harness.graph.requests).endsWith("hangUp");
    var history = harness.env.getWorkflowClient().fetchHistory(CallIds.workflowId(CallHarness.CALL_ID));
    assertThat(history.getEvents()).noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
    assertThat(history.getEvents().toString()).contains(CallBackstop.CHANGE_ID);
    WorkflowReplayer.replayWorkflowExecution(history, CallWorkflowImpl.class);
  }

  @Test
  void callWithoutABug_takesNoBackstopMarker() {
    harness = new CallHarness(true);

    CallResult result = harness.run(CallHarness.flow("record", recordThenPlay()));

    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(result.failure()).isNull();
    var history = harness.env.getWorkflowClient().fetchHistory(CallIds.workflowId(CallHarness.CALL_ID));
    assertThat(history.getEvents().toString()).doesNotContain(CallBackstop.CHANGE_ID);
  }

  private static Map<String, FlowNode> recordThenPlay() {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("record", Nodes.record().prompt("greeting").settings(RecordSettings.defaults()).variable("message")
        .next("thanks").build());
    nodes.put("thanks", new PlayNode(List.of("thanks"), "end"));
    nodes.put("end", new HangupNode());
    return nodes;
  }
}
