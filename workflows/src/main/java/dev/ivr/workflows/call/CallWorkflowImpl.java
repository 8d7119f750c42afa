package dev.ivr.workflows.call;

import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.graph.AnswerCall;
import dev.ivr.workflows.graph.CreateCall;
import dev.ivr.workflows.graph.GraphCallActivities;
import dev.ivr.workflows.graph.HangUp;
import dev.ivr.workflows.graph.RecordingActivities;
import dev.ivr.workflows.graph.SubscribeToTone;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Answers the call (or places it, for an outbound call), subscribes to its DTMF tones, interprets
 * its flow, and always ends with a result. Each media step posts a Graph request through an
 * activity, then awaits the matching completion signal with a timeout; the events themselves are
 * buffered by {@link CallEvents}.
 */
public class CallWorkflowImpl implements CallWorkflow {
  private static final Logger log = Workflow.getLogger(CallWorkflowImpl.class);
  private static final String OUTGOING = "outgoing";

  private final GraphCallActivities graph = Workflow.newActivityStub(GraphCallActivities.class, CallActivityOptions.graph());
  private final GraphCallActivities placeCall =
      Workflow.newActivityStub(GraphCallActivities.class, CallActivityOptions.createCall());
  private final RecordingActivities recordings =
      Workflow.newActivityStub(RecordingActivities.class, CallActivityOptions.recordingDownload());
  private final CallEvents events = new CallEvents();
  private CallSession call;

  @Override
  public CallResult run(CallInput input) {
    call = new CallSession(input, events, graph, Workflow.getInfo().getWorkflowId());
    if (connect()) {
      subscribeToTones();
      new FlowInterpreter(call, recordings).run();
    }
    endCall();
    return new CallResult(input.callId(), call.outcome(), call.path, call.stored, events.endReason(),
        call.variables.redacted(input.flow().redact()));
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
    return call == null ? List.of() : List.copyOf(call.path);
  }

  @Override
  public void onOperatorAction(OperatorAction action) {
    throw new UnsupportedOperationException("operator actions: not yet implemented (issue 7)");
  }

  @Override
  public CallSnapshot snapshot() {
    if (call == null) {
      return new CallSnapshot(null, Workflow.getInfo().getWorkflowId(), null, null, null, null, events.state(), null,
          null, null, 0, List.of(), Map.of(), List.of(), List.of());
    }
    CallInput input = call.input;
    StepTaken last = call.path.isEmpty() ? null : call.path.get(call.path.size() - 1);
    return new CallSnapshot(input.callId(), call.workflowId, input.flow().id(), input.flow().version(),
        input.direction(), input.tenantId(), events.state(), last == null ? null : last.nodeId(),
        last == null ? null : last.type(), call.outcome(), Workflow.getInfo().getRunStartedTimestampMillis(),
        List.copyOf(call.path), variables(), recordings(), audit());
  }

  @Override
  public Map<String, Object> variables() {
    return call == null ? Map.of() : call.variables.redacted(call.input.flow().redact());
  }

  @Override
  public List<RecordingStored> recordings() {
    return call == null ? List.of() : List.copyOf(call.stored);
  }

  @Override
  public List<AuditEntry> audit() {
    return List.of();
  }

  /** Answers an inbound call or places an outbound one, then awaits established (bounded). */
  private boolean connect() {
    CallInput input = call.input;
    List<MediaRef> preFetch = List.copyOf(input.prompts().values());
    boolean outgoing = OUTGOING.equalsIgnoreCase(input.direction());
    boolean requested = outgoing
        ? call.callGraph(() -> call.placed(placeCall.createCall(new CreateCall(input.callbackUri(), input.tenantId(),
            text("sourceApplicationInstance"), text("targetPhone"), text("targetUser"), preFetch))))
        : call.callGraph(() -> graph.answer(new AnswerCall(input.callId(), input.callbackUri(), preFetch)));
    String type = outgoing ? "createCall" : "answer";
    if (!requested) {
      call.step(type, type, events.isTerminated() ? "callGone" : "failed");
      call.end(events.isTerminated() ? CallSession.CALLER_HUNG_UP : CallSession.FAILED);
      return false;
    }
    Workflow.await(call.scaled(input.timeouts().established()), () -> events.isEstablished() || events.isTerminated());
    if (events.isTerminated() || !events.isEstablished()) {
      call.step(type, type, events.isTerminated() ? "hungUp" : "timeout");
      call.end(events.isTerminated() ? CallSession.CALLER_HUNG_UP : CallSession.TIMED_OUT);
      return false;
    }
    call.step(type, type, "established");
    return true;
  }

  /** One subscription for the whole call; Graph completes it in its response. */
  private void subscribeToTones() {
    if (!call.callGraph(() -> graph.subscribeToTone(new SubscribeToTone(call.graphCallId(), call.workflowId + ":tones")))) {
      log.warn("subscribeToTone failed: the caller's keys will not be heard");
    }
  }

  /** Hangs up unless the call is already over, then waits (bounded) for Graph's terminated. */
  private void endCall() {
    call.end(CallSession.FAILED);
    if (!events.isTerminated() && call.callGraph(() -> graph.hangUp(new HangUp(call.graphCallId())))) {
      Workflow.await(call.scaled(call.input.timeouts().terminated()), events::isTerminated);
    }
  }

  private String text(String variable) {
    Object value = call.input.variables().get(variable);
    return value == null ? null : value.toString();
  }
}
