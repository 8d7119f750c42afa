package dev.ivr.workflows.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.call.CallHarness;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.CallWorkflowImpl;
import dev.ivr.workflows.flow.BranchNode;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.Nodes;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.SetNode;
import dev.ivr.workflows.flow.SubflowNode;
import io.temporal.testing.WorkflowReplayer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A call through every kind of step replays from its own history: the interpreter is deterministic. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InterpreterReplayTest {

  @Test
  void callThroughMenuDigitsHttpAndSubflow_replaysFromItsHistory() throws Exception {
    try (CallHarness harness = new CallHarness(true)) {
      harness.graph.promptsUntilCancelled.add(1);
      harness.graph.keysDuringPrompt.put(1, "1");
      harness.graph.keysDuringPrompt.put(2, "42#");

      CallResult result = harness.run(CallHarness.input(mainFlow(), Map.of(), Map.of("twice", twice())));

      assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
      assertThat(result.variables()).containsEntry("account", "42").containsEntry("doubled", 84);
      var history = harness.env.getWorkflowClient().fetchHistory(CallIds.workflowId(CallHarness.CALL_ID));
      WorkflowReplayer.replayWorkflowExecution(history, CallWorkflowImpl.class);
    }
  }

  private static Flow mainFlow() {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("menu", Nodes.menu("greeting").choice("1", "collect").timeoutSeconds(5).maxFailures(3)
        .maxTimeouts(3).bargeIn(true).build());
    nodes.put("collect", Nodes.collectDigits("enter", "account").minDigits(1).maxDigits(6).terminator("#")
        .firstDigitTimeoutSeconds(5).interDigitTimeoutSeconds(3).maxAttempts(3).bargeIn(true).next("lookup").build());
    nodes.put("lookup", Nodes.http("GET", "'https://crm.example/' + account").timeoutSeconds(2)
        .responseMapping(Map.of("status", "response.status")).next("double").build());
    nodes.put("double", new SubflowNode("twice", Map.of("n", "int(account)"), Map.of("doubled", "result"), "check",
        null));
    nodes.put("check", new BranchNode(List.of(new BranchNode.Condition("doubled == 84", "bye")), "end", null));
    nodes.put("bye", new PlayNode(List.of("goodbye"), "end"));
    nodes.put("end", new HangupNode());
    return new Flow("main", "v1", null, null, null, Map.of("account", "", "doubled", 0, "status", 0), null, "menu",
        null, nodes);
  }

  private static Flow twice() {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("calc", new SetNode(Map.of("result", "n * 2"), Flow.RETURN, null));
    return new Flow("twice", "v1", null, null, null, Map.of("result", 0), null, "calc", null, nodes);
  }
}
