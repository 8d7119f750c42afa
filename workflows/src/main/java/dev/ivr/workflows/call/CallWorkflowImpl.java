package dev.ivr.workflows.call;

import dev.ivr.workflows.event.CallEvents;
import dev.ivr.workflows.event.GraphEventSignal;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.TransferNode;
import dev.ivr.workflows.graph.AnswerCall;
import dev.ivr.workflows.graph.CreateCall;
import dev.ivr.workflows.graph.GraphCallActivities;
import dev.ivr.workflows.graph.HangUp;
import dev.ivr.workflows.graph.RejectCall;
import dev.ivr.workflows.graph.SubscribeToTone;
import dev.ivr.workflows.interpreter.FlowInterpreter;
import dev.ivr.workflows.operator.AuditEntry;
import dev.ivr.workflows.operator.OperatorAction;
import dev.ivr.workflows.operator.OperatorActions;
import dev.ivr.workflows.visibility.CallVisibility;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Answers the call (or places it, for an outbound call), keeps it alive ({@link CallKeepAlive}),
 * subscribes to its DTMF tones, interprets its flow, and always ends with a result. Each media step posts a Graph request through an
 * activity, then awaits the matching completion signal with a timeout; the events themselves are
 * buffered by {@link CallEvents}.
 */
public class CallWorkflowImpl implements CallWorkflow {
  private static final Logger log = Workflow.getLogger(CallWorkflowImpl.class);
  /** Taken only by a call the api refuses as busy (issue 18's admission control). */
  static final String ADMISSION_CHANGE_ID = "admission-busy";
  /** Taken only by an outbound call that ends before it is established: its outcome is NO_ANSWER. */
  static final String NO_ANSWER_CHANGE_ID = "outbound-no-answer";

  private final CallEvents events = new CallEvents();
  private final OperatorActions operator = new OperatorActions();
  private CallSession call;
  private CallVisibility visibility;

  @Override
  public CallResult run(CallInput input) {
    call = new CallSession(input, events, Workflow.getInfo().getWorkflowId(), operator);
    // the changes a call takes from its start, one upsert of TemporalChangeVersion for them all
    Map<String, Integer> versions = call.versions().versions(changesAtStart());
    call.operable(versions.get(CallVisibility.CHANGE_ID) == 1);
    call.outcomeAttribute(call.isOperable() && versions.get(CallVisibility.OUTCOME_CHANGE_ID) == 1);
    boolean keepsAlive = versions.get(CallKeepAlive.CHANGE_ID) == 1;
    call.localGraph(versions.get(CallActivityOptions.LOCAL_GRAPH_CHANGE_ID) == 1);
    visibility = new CallVisibility(call);
    visibility.started(input.isOutgoing() ? "createCall" : input.rejectsBusy() ? "reject" : "answer");
    CallBackstop.run(call, () -> {
      if (input.rejectsBusy() ? rejectBusy() : connect()) {
        if (keepsAlive) {
          CallKeepAlive.start(call);
        }
        subscribeToTones();
        new FlowInterpreter(call, visibility).run();
      }
    });
    if (CancellationScope.current().isCancelRequested()) {
      // a cancellation request ended an outbound call's wait between attempts (OutboundRetry): the call
      // still ends as every call does, and completes with its result, outside the canceled scope
      Workflow.newDetachedCancellationScope(this::finish).run();
    } else {
      finish();
    }
    return new CallResult(input.callId(), call.outcome(), call.path(), call.stored(), events.endReason(),
        call.variables().redacted(input.flow().hiddenVariables()), events.terminationReason(), call.failure(),
        call.attempts());
  }

  private void finish() {
    endCall();
    operator.rejectQueued("the call ended before the action could run");
    visibility.ended();
  }

  /** In this order: a new change goes last, so that the order of getVersion calls of older calls is kept. */
  private static Map<String, Integer> changesAtStart() {
    Map<String, Integer> changes = new LinkedHashMap<>();
    changes.put(CallVisibility.CHANGE_ID, 1);
    changes.put(CallVisibility.OUTCOME_CHANGE_ID, 1);
    changes.put(CallKeepAlive.CHANGE_ID, 1);
    changes.put(CallActivityOptions.LOCAL_GRAPH_CHANGE_ID, 1);
    return changes;
  }

  @Override
  public void onGraphEvent(GraphEventSignal signal) {
    if (!events.accept(signal.event())) {
      log.debug("duplicate graph event ignored: {}", signal.event().dedupKey());
    }
  }

  @Override
  public String callState() {
    return events.state();
  }

  @Override
  public List<StepTaken> path() {
    return call == null ? List.of() : List.copyOf(call.path());
  }

  /** Never throws: an action that cannot be taken is audited as {@code rejected: <why>}. */
  @Override
  public void onOperatorAction(OperatorAction action) {
    log.info("operator action {}: {}", action, operator.receive(action, call));
  }

  @Override
  public CallSnapshot snapshot() {
    if (call == null) {
      return new CallSnapshot(null, Workflow.getInfo().getWorkflowId(), null, null, null, null, events.state(), null,
          null, null, Workflow.getInfo().getRunStartedTimestampMillis(), List.of(), Map.of(), List.of(), audit());
    }
    CallInput input = call.input();
    return new CallSnapshot(input.callId(), call.workflowId(), input.flow().id(), input.flow().version(),
        input.direction(), input.tenantId(), events.state(), call.currentNode(), call.currentNodeType(),
        call.outcome() == null ? null : call.outcome().name(), call.startedAtMillis(), List.copyOf(call.path()), variables(), recordings(), audit(),
        call.attemptsView());
  }

  @Override
  public Map<String, Object> variables() {
    return call == null ? Map.of() : call.variables().redacted(call.input().flow().hiddenVariables());
  }

  @Override
  public List<RecordingStored> recordings() {
    return call == null ? List.of() : List.copyOf(call.stored());
  }

  @Override
  public List<AuditEntry> audit() {
    return operator.audit();
  }

  /**
   * Answers an inbound call or places an outbound one, then awaits established (bounded); an outbound
   * call whose flow has a retry schedule is placed again as it says ({@link OutboundRetry}).
   */
  private boolean connect() {
    CallInput input = call.input();
    if (!input.isOutgoing() && input.flow().nodes().get(input.flow().start()) instanceof TransferNode start
        && start.isRedirect()) {
      new CallRedirect(call).run(input.flow().start(), start);
      return false;
    }
    if (input.isOutgoing() && input.flow().outboundRetry() != null) {
      return new OutboundRetry(call, visibility, input.flow().outboundRetry()).connect(this::connectOnce);
    }
    return connectOnce();
  }

  private boolean connectOnce() {
    CallInput input = call.input();
    List<MediaRef> preFetch = List.copyOf(input.prompts().values());
    boolean outgoing = input.isOutgoing();
    boolean requested = outgoing
        ? call.callGraph(() -> call.placed(placeCall().createCall(createCall(input, preFetch))))
        : call.callGraph(() -> call.graph("answer call").answer(new AnswerCall(input.callId(), input.callbackUri(), preFetch)));
    String type = outgoing ? "createCall" : "answer";
    if (!requested) {
      call.step(type, type, events.isTerminated() ? "callGone" : "failed");
      call.end(events.isTerminated() ? CallOutcome.CALLER_HUNG_UP : CallOutcome.FAILED);
      return false;
    }
    Workflow.await(call.scaled(input.timeouts().established()), () -> events.isEstablished() || events.isTerminated());
    if (events.isTerminated() || !events.isEstablished()) {
      call.step(type, type, !events.isTerminated() ? "timeout" : notConnected(outgoing));
      call.end(events.isTerminated() ? endedBeforeEstablished(outgoing) : CallOutcome.TIMED_OUT);
      return false;
    }
    call.step(type, type, "established");
    return true;
  }

  /**
   * The api found the app at its limit of live calls and chose Graph's reject, reason busy: the call
   * is never answered. Only inputs made after the change ask for it, so no older history reaches here;
   * the change id still marks such calls ({@code TemporalChangeVersion = admission-busy-1}).
   * Returns false: the call never connects.
   */
  private boolean rejectBusy() {
    call.versions().version(ADMISSION_CHANGE_ID, 1);
    String callId = call.input().callId();
    boolean requested = call.callGraph(() -> call.graph("reject call: busy").reject(new RejectCall(callId, RejectCall.BUSY)));
    call.step("reject", "reject", requested ? RejectCall.BUSY : events.isTerminated() ? "callGone" : "failed");
    call.end(requested ? CallOutcome.BUSY : events.isTerminated() ? CallOutcome.CALLER_HUNG_UP : CallOutcome.FAILED);
    if (requested) {
      Workflow.await(call.scaled(call.input().timeouts().terminated()), events::isTerminated);
    }
    return false;
  }

  /**
   * An outbound call that ended before it was established was never answered ({@link CallOutcome#NO_ANSWER},
   * Graph's reason in the path and the end reason); calls placed before the change, and incoming calls,
   * report the caller's hang-up.
   */
  private CallOutcome endedBeforeEstablished(boolean outgoing) {
    return outgoing && call.versions().version(NO_ANSWER_CHANGE_ID, 1) == 1
        ? CallOutcome.NO_ANSWER : CallOutcome.CALLER_HUNG_UP;
  }

  /**
   * Why a call ended before it was established: {@code hungUp} for an incoming call; for an outgoing
   * one {@code failed:<code>/<subcode>} of Graph's end reason (busy, no answer, declined,
   * unreachable…), so that the path says which it was.
   */
  private String notConnected(boolean outgoing) {
    var end = events.endReason();
    return outgoing && end != null ? "failed:" + end.code() + "/" + end.subcode() : "hungUp";
  }

  /** One subscription for the whole call; Graph completes it in its response. */
  private void subscribeToTones() {
    if (!call.callGraph(() -> call.graph("subscribe to tones").subscribeToTone(new SubscribeToTone(call.graphCallId(), call.workflowId() + ":tones")))) {
      log.warn("subscribeToTone failed: the caller's keys will not be heard");
    }
  }

  /** Hangs up unless the call is already over, then waits (bounded) for Graph's terminated. */
  private void endCall() {
    call.end(CallOutcome.FAILED);
    if (!events.isTerminated() && call.callGraph(() -> call.graph("hang up").hangUp(new HangUp(call.graphCallId())))) {
      Workflow.await(call.scaled(call.input().timeouts().terminated()), events::isTerminated);
    }
  }

  /** Placing a call is not retried like other Graph requests (see {@link CallActivityOptions#createCall}). */
  private static GraphCallActivities placeCall() {
    return Workflow.newActivityStub(GraphCallActivities.class,
        ActivityOptions.newBuilder(CallActivityOptions.createCall()).setSummary("place outbound call").build());
  }

  /** A call without a target (never made by the api) fails to place, as it always did. */
  private static CreateCall createCall(CallInput input, List<MediaRef> preFetch) {
    OutboundTarget target = input.outbound();
    return new CreateCall(input.callbackUri(), input.tenantId(), target == null ? null : target.sourceApplicationInstance(),
        target == null ? null : target.phone(), target == null ? null : target.user(), preFetch);
  }
}
