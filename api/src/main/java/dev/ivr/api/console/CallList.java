package dev.ivr.api.console;

import dev.ivr.api.console.CallQueries.UnknownCallException;
import dev.ivr.workflows.call.CallIndexEntry;
import dev.ivr.workflows.call.CallSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The console's call list: the call index's newest calls, live ones enriched with their current
 * state and node (one snapshot query each, for at most {@code ivr.console.live-detail-limit}).
 */
@Component
class CallList {

  /** One row of the list; {@code live} while the call has no outcome. No phone numbers. */
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

  CallList(CallQueries queries, ConsoleProperties properties) {
    this.queries = queries;
    this.properties = properties;
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
      boolean live = entry.outcome() == null;
      CallSnapshot snapshot = null;
      if (live && detailed++ < properties.liveDetailLimit()) {
        try {
          snapshot = queries.snapshot(entry.workflowId());
        } catch (UnknownCallException gone) {
          // listed but no longer there (a retention-expired call): shown without live details
        }
      }
      boolean stillLive = live && (snapshot == null || snapshot.outcome() == null);
      rows.add(new Row(entry.callId(), entry.workflowId(), entry.flowId(), entry.flowVersion(), entry.direction(),
          entry.startedAtMillis(), entry.endedAtMillis(),
          snapshot != null && snapshot.outcome() != null ? snapshot.outcome() : entry.outcome(), stillLive,
          snapshot == null ? null : snapshot.callState(), snapshot == null ? null : snapshot.currentNode(),
          snapshot == null ? null : snapshot.currentNodeType()));
    }
    rows.sort((a, b) -> Boolean.compare(b.live(), a.live()));
    return new Calls(true, null, rows);
  }
}
