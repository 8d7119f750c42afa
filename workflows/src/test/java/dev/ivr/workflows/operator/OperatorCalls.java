package dev.ivr.workflows.operator;

import dev.ivr.workflows.call.CallHarness;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.CallSnapshot;
import dev.ivr.workflows.call.FakeGraph;
import dev.ivr.workflows.call.StepTaken;
import dev.ivr.workflows.event.CallStateChanged;
import dev.ivr.workflows.event.OperationCompleted;
import dev.ivr.workflows.event.ResultInfo;
import dev.ivr.workflows.flow.CollectDigitsNode;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.HttpNode;
import dev.ivr.workflows.flow.MenuNode;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.RecordNode;
import dev.ivr.workflows.flow.RecordSettings;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Test support: a call parked at a menu, and operator signals and snapshots of a call. */
public final class OperatorCalls {
  private OperatorCalls() {}

  /** greeting until cancelled (first play), then key 1 → end; a second prompt play is the re-run. */
  public static Flow menuFlow() {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("menu", new MenuNode("greeting", null, Map.of("1", "end"), null, null, null, null, 5, 3, 3, false, null,
        "end", "end", null));
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
