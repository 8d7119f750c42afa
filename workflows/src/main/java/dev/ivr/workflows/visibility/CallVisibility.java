package dev.ivr.workflows.visibility;

import com.uber.m3.tally.Scope;
import dev.ivr.workflows.call.CallAttempts;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallSession;
import dev.ivr.workflows.call.StepTaken;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * What operators and dashboards see of a call, without changing what it does: its search
 * attributes, current details (markdown), its entries in the call index, and its metrics.
 *
 * <p>Search-attribute upserts and index signals are commands: they happen only on calls that took
 * the {@link #CHANGE_ID} change ({@link CallSession#isOperable}), so calls started before it replay;
 * {@code CallOutcome} only on calls that took {@link #OUTCOME_CHANGE_ID}; index signals only when the
 * input says the call reports to the index ({@code CallInput.callIndex}: not on a server with
 * visibility, where a signal to an index that does not exist would show as a failed event).
 * After the first upsert, a workflow thread of its own upserts what changed (CallState,
 * CurrentNode) whenever the call's main thread waits: at most one of these upserts per workflow task
 * (the first task also carries {@code ChangeVersions}' TemporalChangeVersion upsert), none for an
 * unchanged value, none for each of a run of nodes that do not wait (set, branch…). Details
 * and metrics are not commands (metrics are not emitted during replay).
 */
public final class CallVisibility {
  /** The getVersion change id of search attributes, index reports and operator actions. */
  public static final String CHANGE_ID = "operator-visibility";
  /** The getVersion change id of the {@code CallOutcome} search attribute, set when the call ends. */
  public static final String OUTCOME_CHANGE_ID = "call-outcome-attribute";
  private static final Logger log = Workflow.getLogger(CallVisibility.class);
  private static final int DETAIL_STEPS = 5;

  private final CallSession call;
  private String upsertedState;
  private String upsertedNode;
  private long nodeStartedAt;

  public CallVisibility(CallSession call) {
    this.call = call;
  }

  /** At the start of the call: every attribute, the index entry, ivr_calls_started. */
  public void started(String connectStep) {
    Workflow.getMetricsScope().counter("ivr_calls_started").inc(1);
    call.nodeStarted(connectStep, connectStep);
    details();
    if (!call.isOperable()) {
      return;
    }
    CallInput input = call.input();
    upsertedState = call.events().state();
    upsertedNode = call.currentNode();
    Workflow.upsertTypedSearchAttributes(
        CallSearchAttributes.CALL_ID.valueSet(input.callId()),
        CallSearchAttributes.FLOW_ID.valueSet(input.flow().id()),
        CallSearchAttributes.FLOW_VERSION.valueSet(String.valueOf(input.flow().version())),
        CallSearchAttributes.CALL_STATE.valueSet(upsertedState),
        CallSearchAttributes.CURRENT_NODE.valueSet(upsertedNode),
        CallSearchAttributes.DIRECTION.valueSet(String.valueOf(input.direction())),
        CallSearchAttributes.TENANT.valueSet(String.valueOf(input.tenantId())));
    if (input.callIndex()) {
      report(0, null);
    }
    Async.procedure(this::upsertWhileRunning);
  }

  /** A node starts: its start time and the current details. */
  public void nodeStarted(String nodeId, String type) {
    call.nodeStarted(nodeId, type);
    nodeStartedAt = Workflow.currentTimeMillis();
    details();
  }

  public void nodeFinished(String type) {
    Workflow.getMetricsScope().tagged(Map.of("type", type)).timer("ivr_node_duration")
        .record(com.uber.m3.util.Duration.ofMillis(Math.max(0, Workflow.currentTimeMillis() - nodeStartedAt)));
  }

  /**
   * At the end: the final state and the outcome (one upsert), the index entry with the outcome (only
   * where the call reports to the index), ivr_calls_ended{outcome}. The call's workflow waits for the
   * end report to be delivered (or refused: no index), so that its history says which; the Graph call
   * is over by then.
   */
  public void ended() {
    Scope scope = Workflow.getMetricsScope().tagged(Map.of("outcome", String.valueOf(call.outcome())));
    scope.counter("ivr_calls_ended").inc(1);
    details();
    if (call.isOperable()) {
      upsertChanged(call.hasOutcomeAttribute() && call.outcome() != null
          ? CallSearchAttributes.CALL_OUTCOME.valueSet(call.outcome().name()) : null);
      if (call.input().callIndex()) {
        report(Workflow.currentTimeMillis(), call.outcome().name()).get();
      }
    }
  }

  /**
   * Runs until the workflow completes: wakes when the main thread waits and something changed (not
   * while a Graph request runs as a local activity inside the workflow task).
   */
  private void upsertWhileRunning() {
    while (true) {
      Workflow.await(() -> !call.isGraphRequestRunning() && (!call.events().state().equals(upsertedState)
          || call.currentNode() != null && !call.currentNode().equals(upsertedNode)));
      upsertChanged(null);
    }
  }

  /** One upsert of what changed (state, node), with {@code also} when not null. */
  private void upsertChanged(SearchAttributeUpdate<?> also) {
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    if (also != null) {
      updates.add(also);
    }
    String state = call.events().state();
    if (!state.equals(upsertedState)) {
      updates.add(CallSearchAttributes.CALL_STATE.valueSet(state));
      upsertedState = state;
    }
    String node = call.currentNode();
    if (node != null && !node.equals(upsertedNode)) {
      updates.add(CallSearchAttributes.CURRENT_NODE.valueSet(node));
      upsertedNode = node;
    }
    if (!updates.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(updates.toArray(SearchAttributeUpdate<?>[]::new));
    }
  }

  /** Markdown for the Web UI: flow, node, state and the last steps (no variables, no numbers). */
  private void details() {
    CallInput input = call.input();
    StringBuilder md = new StringBuilder()
        .append("**Flow** `").append(input.flow().id()).append("` v").append(input.flow().version())
        .append(" · ").append(input.direction()).append('\n')
        .append("**Node** `").append(call.currentNode()).append("` (").append(call.currentNodeType()).append(')')
        .append(" · **State** ").append(call.events().state());
    if (call.outcome() != null) {
      md.append(" · **Outcome** ").append(call.outcome());
    }
    CallAttempts attempts = call.attemptsView();
    if (attempts != null) {
      md.append("\n**Attempt** ").append(attempts.attempt()).append(" of ").append(attempts.of());
      if (attempts.nextAttemptAtMillis() != null) {
        md.append(" · **next at** ").append(Instant.ofEpochMilli(attempts.nextAttemptAtMillis()));
      }
    }
    List<StepTaken> path = call.path();
    if (!path.isEmpty()) {
      md.append("\n\n**Last steps**\n");
      for (StepTaken step : path.subList(Math.max(0, path.size() - DETAIL_STEPS), path.size())) {
        md.append("- `").append(step.nodeId()).append("` ").append(step.type()).append(" → ").append(step.outcome())
            .append('\n');
      }
    }
    Workflow.setCurrentDetails(md.toString());
  }

  /**
   * Reports the call to the call index: a signal to another workflow. A missing index fails only
   * that signal: the promise completes normally either way, and the call goes on.
   */
  private Promise<Void> report(long endedAtMillis, String outcome) {
    CallInput input = call.input();
    CallIndexEntry entry = new CallIndexEntry(input.callId(), call.workflowId(), input.flow().id(),
        input.flow().version(), input.direction(), input.tenantId(), call.startedAtMillis(), endedAtMillis, outcome);
    CallIndexWorkflow index = Workflow.newExternalWorkflowStub(CallIndexWorkflow.class, CallIds.CALL_INDEX_WORKFLOW_ID);
    return Async.procedure(index::report, entry).exceptionally(failure -> {
      log.debug("call index not reached: {}", failure.getMessage());
      return null;
    });
  }
}
