package dev.ivr.workflows.operator;

import dev.ivr.workflows.call.CallHarness;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallSnapshot;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.Nodes;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Test support: a call parked at a menu, and operator signals and snapshots of a call. */
public final class OperatorCalls {
  private OperatorCalls() {}

  /** greeting until cancelled (first play), then key 1 → end; a second prompt play is the re-run. */
  public static Flow menuFlow() {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("menu", Nodes.menu("greeting").choice("1", "end").timeoutSeconds(5).maxFailures(3).maxTimeouts(3)
        .bargeIn(false).onMaxFailures("end").onMaxTimeouts("end").build());
    nodes.put("end", new HangupNode());
    return CallHarness.flow("menu", nodes);
  }

  /** A call of {@link #menuFlow()} whose greeting plays until cancelled, once it plays. */
  public static WorkflowStub startAtMenu(CallHarness harness) {
    harness.graph.promptsUntilCancelled.add(1);
    WorkflowStub call = harness.start(CallHarness.input(menuFlow(), Map.of(), Map.of()));
    awaitSnapshot(call, s -> "menu".equals(s.currentNode()) && harness.graph.requests.contains("playPrompt"));
    return call;
  }

  public static void signal(WorkflowStub call, OperatorAction action) {
    call.signal(CallIds.OPERATOR_ACTION_SIGNAL, action);
  }

  public static CallSnapshot snapshot(WorkflowStub call) {
    return call.query("snapshot", CallSnapshot.class);
  }

  public static List<AuditEntry> typedAudit(WorkflowStub call) {
    return snapshot(call).audit();
  }

  /** Polls the snapshot query until the condition holds (the test's @Timeout bounds it). */
  public static CallSnapshot awaitSnapshot(WorkflowStub call, Predicate<CallSnapshot> condition) {
    while (true) {
      CallSnapshot snapshot = snapshot(call);
      if (condition.test(snapshot)) {
        return snapshot;
      }
      try {
        Thread.sleep(Duration.ofMillis(20).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
