package dev.ivr.api.console;

import dev.ivr.api.console.CallQueries.UnknownCallException;
import dev.ivr.workflows.call.CallSnapshot;
import dev.ivr.workflows.visibility.CallIndexEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The console's call list: the call index's newest calls, live ones enriched with their current
 * state and node (for at most {@code ivr.console.live-detail-limit} of them per refresh: a describe,
 * see {@link CallLiveness}, and a snapshot query). A call the index lists as live but Temporal has
 * closed (terminated, timed out, failed: such a call never reports its end) is shown ended, its
 * outcome the execution status.
 */
@Component
class CallList {

  /**
   * One row of the list; {@code live} while the call has no outcome and Temporal has not closed it
   * (as far as known). No phone numbers.
   */
  record Row(String callId, String workflowId, String flowId, String flowVersion, String direction,
      long startedAtMillis, long endedAtMillis, String outcome, boolean live, String callState, String currentNode,
      String currentNodeType) {}

  /** {@code indexAvailable} is false (and {@code calls} empty) while the call index does not exist. */
  record Calls(boolean indexAvailable, String note, List<Row> calls) {
    Calls {
      calls = List.copyOf(calls);
    }
  }

  private final CallQueries queries;
  private final ConsoleProperties properties;
  private final CallLiveness liveness;

  CallList(CallQueries queries, ConsoleProperties properties, CallLiveness liveness) {
    this.queries = queries;
    this.properties = properties;
    this.liveness = liveness;
  }

  private CallSnapshot snapshot(String workflowId) {
    try {
      return queries.snapshot(workflowId);
    } catch (UnknownCallException gone) {
      // gone between the describe and the query: shown without live details
      return null;
    }
  }

  Calls recent(int limit) {
    Optional<List<CallIndexEntry>> index = queries.recent(limit);
    if (index.isEmpty()) {
      return new Calls(false, "the call index workflow (" + dev.ivr.workflows.call.CallIds.CALL_INDEX_WORKFLOW_ID
          + ") is not running yet: start a worker, or wait for the first call", List.of());
    }
    List<Row> rows = new ArrayList<>();
    int detailed = 0;
    for (CallIndexEntry entry : index.get()) {
      String outcome = entry.outcome();
      boolean live = outcome == null;
      CallSnapshot snapshot = null;
      if (live) {
        // the index says live: Temporal may know better (a terminated call never reports its end)
        Optional<String> ended = liveness.known(entry.workflowId());
        if (ended.isEmpty() && detailed < properties.liveDetailLimit()) {
          detailed++;
          ended = liveness.ended(entry.workflowId());
          if (ended.isEmpty()) {
            snapshot = snapshot(entry.workflowId());
          }
        }
        if (ended.isPresent()) {
          live = false;
          outcome = ended.get().isEmpty() ? null : ended.get();
        } else if (snapshot != null && snapshot.outcome() != null) {
          live = false;
          outcome = snapshot.outcome();
        }
      }
      rows.add(new Row(entry.callId(), entry.workflowId(), entry.flowId(), entry.flowVersion(), entry.direction(),
          entry.startedAtMillis(), entry.endedAtMillis(), outcome, live,
          snapshot == null ? null : snapshot.callState(), snapshot == null ? null : snapshot.currentNode(),
          snapshot == null ? null : snapshot.currentNodeType()));
    }
    rows.sort((a, b) -> Boolean.compare(b.live(), a.live()));
    return new Calls(true, null, rows);
  }
}
