package dev.ivr.bench;

import dev.ivr.embedded.EmbeddedSystem;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.event.RecordingStored;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Our system as the benchmark's bot: the api's webhook, and the call workflow's result. */
record OurBot(EmbeddedSystem system) implements LoadStep.Bot {

  @Override
  public String callbackUri() {
    return system.endpoints().callbackUri();
  }

  @Override
  public java.util.Map<String, Integer> historyShape(String callId) {
    return shape(system.client(), CallIds.workflowId(callId));
  }

  /**
   * What a call's history holds: events, workflow tasks, search-attribute upserts, signals,
   * activities, markers (local activities and versions), timers started and cancelled.
   */
  static java.util.Map<String, Integer> shape(io.temporal.client.WorkflowClient client, String workflowId) {
    java.util.Map<String, Integer> shape = new java.util.LinkedHashMap<>();
    for (String k : java.util.List.of("events", "workflow tasks", "upserts", "signals", "activities", "markers",
        "timers started", "timers cancelled")) {
      shape.put(k, 0);
    }
    for (io.temporal.api.history.v1.HistoryEvent e : client.fetchHistory(workflowId).getHistory().getEventsList()) {
      shape.merge("events", 1, Integer::sum);
      String kind = switch (e.getEventType()) {
        case EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> "workflow tasks";
        case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES -> "upserts";
        case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> "signals";
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> "activities";
        case EVENT_TYPE_MARKER_RECORDED -> "markers";
        case EVENT_TYPE_TIMER_STARTED -> "timers started";
        case EVENT_TYPE_TIMER_CANCELED -> "timers cancelled";
        default -> null;
      };
      if (kind != null) shape.merge(kind, 1, Integer::sum);
    }
    return shape;
  }

  @Override
  public LoadStep.Verdict verify(String callId) {
    try {
      CallResult result = system.client().newUntypedWorkflowStub(CallIds.workflowId(callId))
          .getResult(30, TimeUnit.SECONDS, CallResult.class);
      if (result.outcome() == CallOutcome.BUSY) {
        return new LoadStep.Verdict(false, null, null, null, true);
      }
      if (result.outcome() != CallOutcome.COMPLETED || result.recordings().size() != 1) {
        return new LoadStep.Verdict(false, null, null,
            "outcome " + result.outcome() + " with " + result.recordings().size() + " recordings");
      }
      RecordingStored recording = result.recordings().get(0);
      return new LoadStep.Verdict(true, Path.of(recording.location()), recording.sha256(), null);
    } catch (Exception e) {
      return new LoadStep.Verdict(false, null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
