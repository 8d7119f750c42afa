package dev.ivr.api.support;

import dev.ivr.workflows.call.CallInput;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Optional;

/** Reads what a workflow was started with, from its history: what the call is pinned to. */
public final class WorkflowHistory {
  private WorkflowHistory() {}

  public static CallInput startInput(WorkflowClient client, String workflowId) {
    HistoryEvent started = client.fetchHistory(workflowId).getEvents().get(0);
    if (started.getEventType() != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
      throw new AssertionError("first event of " + workflowId + " is " + started.getEventType());
    }
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
        0, Optional.of(started.getWorkflowExecutionStartedEventAttributes().getInput()), CallInput.class, CallInput.class);
  }
}
