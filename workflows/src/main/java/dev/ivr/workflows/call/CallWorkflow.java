package dev.ivr.workflows.call;

import dev.ivr.workflows.event.GraphEventSignal;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.operator.AuditEntry;
import dev.ivr.workflows.operator.OperatorAction;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import java.util.Map;

/** One phone call: answers it, walks its flow, and always ends with a {@link CallResult}. */
@WorkflowInterface
public interface CallWorkflow {

  @WorkflowMethod
  CallResult run(CallInput input);

  /** Every Graph event of the call; duplicates and reordering are tolerated. */
  @SignalMethod(name = CallIds.GRAPH_EVENT_SIGNAL)
  void onGraphEvent(GraphEventSignal signal);

  /** The Graph call state as last seen (incoming, established, terminated…). */
  @QueryMethod
  String callState();

  /** The nodes visited so far. */
  @QueryMethod
  List<StepTaken> path();

  /**
   * An operator's action: hang up, transfer, or play an announcement. It is audited: the signal
   * (with who and when) is in the history, and the call's {@link #audit()} lists it with what came of it.
   */
  @SignalMethod(name = CallIds.OPERATOR_ACTION_SIGNAL)
  void onOperatorAction(OperatorAction action);

  /** Everything an operator sees of the call, in one query. */
  @QueryMethod
  CallSnapshot snapshot();

  /** The call's variables, with the fields the flow declares in {@code redact} replaced. */
  @QueryMethod
  Map<String, Object> variables();

  /** The recordings stored so far. */
  @QueryMethod
  List<RecordingStored> recordings();

  /** The operator actions received, in order, each with what came of it. */
  @QueryMethod
  List<AuditEntry> audit();
}
