package dev.ivr.api.support;

import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.CallSnapshot;
import dev.ivr.workflows.call.CallWorkflow;
import dev.ivr.workflows.call.StepTaken;
import dev.ivr.workflows.event.CallStateChanged;
import dev.ivr.workflows.event.GraphEventSignal;
import dev.ivr.workflows.event.OperationCompleted;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.event.ToneReceived;
import dev.ivr.workflows.operator.AuditEntry;
import dev.ivr.workflows.operator.OperatorAction;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the real call workflow: records every signal it receives and completes when the
 * call is terminated. Its result's path lists the signals in order, one {@link StepTaken} each:
 * nodeId = the event's dedup key, type = the event kind, outcome = the message id.
 */
public class RecordingCallWorkflow implements CallWorkflow {

  private final List<StepTaken> received = new ArrayList<>();
  private String state = "none";
  private boolean terminated;

  @Override
  public CallResult run(CallInput input) {
    Workflow.await(() -> terminated);
    return new CallResult(input.callId(), CallOutcome.COMPLETED, received, List.of(), null);
  }

  @Override
  public void onGraphEvent(GraphEventSignal signal) {
    String kind =
        signal.event() instanceof CallStateChanged ? "callState"
            : signal.event() instanceof OperationCompleted ? "operation"
            : signal.event() instanceof ToneReceived ? "tone" : "?";
    received.add(new StepTaken(signal.event().dedupKey(), kind, signal.messageId(), signal.receivedAtMillis()));
    if (signal.event() instanceof CallStateChanged changed) {
      state = changed.state();
      terminated |= changed.is("terminated");
    }
  }

  @Override
  public String callState() {
    return state;
  }

  @Override
  public List<StepTaken> path() {
    return List.copyOf(received);
  }

  @Override
  public void onOperatorAction(OperatorAction action) {
    received.add(new StepTaken("operator", action.type(), action.operator(), Workflow.currentTimeMillis()));
  }

  @Override
  public CallSnapshot snapshot() {
    return new CallSnapshot(null, Workflow.getInfo().getWorkflowId(), null, null, null, null, state, null, null,
        terminated ? "COMPLETED" : null, 0, path(), Map.of(), List.of(), List.of());
  }

  @Override
  public Map<String, Object> variables() {
    return Map.of();
  }

  @Override
  public List<RecordingStored> recordings() {
    return List.of();
  }

  @Override
  public List<AuditEntry> audit() {
    return List.of();
  }
}
