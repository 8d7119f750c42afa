package dev.ivr.workflows.visibility;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * The call index of a namespace ({@link CallIds#CALL_INDEX_WORKFLOW_ID}): every call reports its
 * start and its end here, so the console can list live and recent calls on any Temporal server,
 * including the test server, which has no visibility queries. It keeps a bounded window of recent
 * calls and continues as new to keep its history short.
 */
@WorkflowInterface
public interface CallIndexWorkflow {

  /** Runs until continued as new; {@code carried} are the entries of the previous run. */
  @WorkflowMethod
  void run(List<CallIndexEntry> carried);

  /** Adds a call, or replaces the entry with the same call id (a later report wins). */
  @SignalMethod
  void report(CallIndexEntry entry);

  /** The newest calls first, at most {@code limit}; live calls (no outcome) first among equals. */
  @QueryMethod
  List<CallIndexEntry> recent(int limit);
}
