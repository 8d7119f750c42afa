package dev.ivr.api.console;

import dev.ivr.api.console.CallQueries.UnknownCallException;
import dev.ivr.workflows.call.CallSnapshot;
import dev.ivr.workflows.visibility.CallIndexEntry;
import dev.ivr.workflows.visibility.CallSearchAttributes;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The console's call list, live calls first, then the most recent ones.
 *
 * <p>On a server with visibility (the dev server, a cluster, Temporal Cloud), it comes from the call
 * search attributes: two visibility queries (running calls, then closed ones), each row's state and
 * node from its {@code CallState} and {@code CurrentNode}, a closed call's outcome from its
 * {@code CallOutcome}. For calls that started before that attribute existed, the outcome is their
 * result (read once, for at most {@code ivr.console.live-detail-limit} calls per refresh, then
 * remembered), or Temporal's execution status when they did not complete (terminated, timed out, failed).
 *
 * <p>On the Java test server, which has no visibility, it comes from the call index workflow: its
 * newest calls, live ones enriched with their current state and node (for at most
 * {@code ivr.console.live-detail-limit} of them per refresh: a describe, see {@link CallLiveness}, and
 * a snapshot query). A call the index lists as live but Temporal has closed (such a call never
 * reports its end) is shown ended, its outcome the execution status.
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

  /**
   * {@code source} is {@code visibility} or {@code index}; {@code indexAvailable} is false (and
   * {@code calls} empty) only while the call index, the list's source without visibility, does not exist.
   */
  record Calls(String source, boolean indexAvailable, String note, List<Row> calls) {
    Calls {
      calls = List.copyOf(calls);
    }
  }

  /** Every call workflow (not the call index). */
  static final String CALLS = "WorkflowType = 'CallWorkflow'";
  private static final int REMEMBERED_OUTCOMES = 10_000;

  private final CallQueries queries;
  private final ConsoleProperties properties;
  private final CallLiveness liveness;
  /** Closed calls' outcomes: they never change. */
  private final Map<String, String> outcomes = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > REMEMBERED_OUTCOMES;
    }
  });

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
    Optional<List<WorkflowExecutionMetadata>> running = queries.list(CALLS + " AND ExecutionStatus = 'Running'", limit);
    if (running.isPresent()) {
      List<Row> rows = new ArrayList<>();
      running.get().forEach(call -> rows.add(row(call, null)));
      if (rows.size() < limit) {
        int budget = properties.liveDetailLimit();
        for (WorkflowExecutionMetadata call : queries.list(CALLS + " AND ExecutionStatus != 'Running'",
            limit - rows.size()).orElse(List.of())) {
          String outcome = call.getTypedSearchAttributes().get(CallSearchAttributes.CALL_OUTCOME);
          if (outcome == null) {
            outcome = outcomes.get(call.getExecution().getWorkflowId());
          }
          if (outcome == null && budget > 0) {
            budget--;
            outcome = outcome(call);
          }
          rows.add(row(call, outcome));
        }
      }
      return new Calls("visibility", true, null, rows);
    }
    return fromIndex(limit);
  }

  /** A row from a call's visibility record: no query, no replay. */
  private static Row row(WorkflowExecutionMetadata call, String outcome) {
    SearchAttributes attributes = call.getTypedSearchAttributes();
    boolean live = call.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    return new Row(attributes.get(CallSearchAttributes.CALL_ID), call.getExecution().getWorkflowId(),
        attributes.get(CallSearchAttributes.FLOW_ID), attributes.get(CallSearchAttributes.FLOW_VERSION),
        attributes.get(CallSearchAttributes.DIRECTION), millis(call.getStartTime()), millis(call.getCloseTime()),
        live ? null : outcome, live, attributes.get(CallSearchAttributes.CALL_STATE),
        attributes.get(CallSearchAttributes.CURRENT_NODE), null);
  }

  /** A closed call's outcome: its result's, or the execution status when it did not complete. Remembered. */
  private String outcome(WorkflowExecutionMetadata call) {
    String workflowId = call.getExecution().getWorkflowId();
    String outcome;
    if (call.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      try {
        outcome = String.valueOf(queries.result(workflowId).outcome());
      } catch (UnknownCallException | io.temporal.client.WorkflowException gone) {
        outcome = null;
      }
    } else {
      outcome = call.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    }
    if (outcome != null) {
      outcomes.put(workflowId, outcome);
    }
    return outcome;
  }

  private static long millis(java.time.Instant at) {
    return at == null ? 0 : at.toEpochMilli();
  }

  private Calls fromIndex(int limit) {
    Optional<List<CallIndexEntry>> index = queries.recent(limit);
    if (index.isEmpty()) {
      return new Calls("index", false, "the call index workflow (" + dev.ivr.workflows.call.CallIds.CALL_INDEX_WORKFLOW_ID
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
    return new Calls("index", true, null, rows);
  }
}
