package dev.ivr.workflows.call;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

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
}
