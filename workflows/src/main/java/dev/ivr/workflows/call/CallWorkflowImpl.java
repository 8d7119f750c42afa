package dev.ivr.workflows.call;

import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.RecordNode;
import dev.ivr.workflows.graph.AnswerCall;
import dev.ivr.workflows.graph.DownloadRecording;
import dev.ivr.workflows.graph.GraphCallActivities;
import dev.ivr.workflows.graph.HangUp;
import dev.ivr.workflows.graph.OperationStarted;
import dev.ivr.workflows.graph.PlayPrompt;
import dev.ivr.workflows.graph.RecordResponse;
import dev.ivr.workflows.graph.RecordingActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.slf4j.Logger;

/**
 * Answers the call, walks its flow node by node, and always ends with a result. Each media step
 * posts a Graph request through an activity, then awaits the matching completion signal with a
 * timeout; the events themselves are buffered by {@link CallEvents}.
 */
public class CallWorkflowImpl implements CallWorkflow {
  private static final Logger log = Workflow.getLogger(CallWorkflowImpl.class);

  private final GraphCallActivities graph = Workflow.newActivityStub(GraphCallActivities.class, CallActivityOptions.graph());
  private final RecordingActivities recordings =
      Workflow.newActivityStub(RecordingActivities.class, CallActivityOptions.recordingDownload());
  private final CallEvents events = new CallEvents();
  private final List<StepTaken> path = new ArrayList<>();
  private final List<RecordingStored> stored = new ArrayList<>();
  private CallInput input;
  private String workflowId;
  private int stepSequence;
  private String outcome;

  @Override
  public CallResult run(CallInput input) {
    this.input = input;
    this.workflowId = Workflow.getInfo().getWorkflowId();
    if (answer()) {
      walk(input.flow());
    }
    endCall();
    return new CallResult(input.callId(), outcome, path, stored, events.endReason());
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
    return List.copyOf(path);
  }

  private boolean answer() {
    List<MediaRef> preFetch = List.copyOf(new LinkedHashMap<>(input.prompts()).values());
    if (!callGraph(() -> graph.answer(new AnswerCall(input.callId(), input.callbackUri(), preFetch)))) {
      step("answer", "answer", events.isTerminated() ? "callGone" : "failed");
      return false;
    }
    Workflow.await(input.timeouts().established(), () -> events.isEstablished() || events.isTerminated());
    if (events.isTerminated() || !events.isEstablished()) {
      step("answer", "answer", events.isTerminated() ? "hungUp" : "timeout");
      outcome = events.isTerminated() ? "CALLER_HUNG_UP" : "TIMED_OUT";
      return false;
    }
    step("answer", "answer", "established");
    return true;
  }

  private void walk(Flow flow) {
    String nodeId = flow.start();
    while (nodeId != null && outcome == null) {
      if (events.isTerminated()) {
        outcome = "CALLER_HUNG_UP";
        return;
      }
      try {
        nodeId = visit(nodeId, flow.nodes().get(nodeId));
      } catch (FlowError error) {
        log.error("flow {} failed at node '{}': {}", flow.id(), nodeId, error.getMessage());
        step(nodeId, "error", "failed");
        outcome = "FAILED";
      }
    }
  }

  private String visit(String nodeId, FlowNode node) {
    if (node instanceof PlayNode play) {
      return play(nodeId, play);
    } else if (node instanceof RecordNode record) {
      return record(nodeId, record);
    } else if (node instanceof HangupNode) {
      step(nodeId, "hangup", "hangUp");
      outcome = "COMPLETED";
      return null;
    }
    throw new FlowError("no node '" + nodeId + "'");
  }

  private String play(String nodeId, PlayNode node) {
    String context = nextClientContext();
    List<MediaRef> media = node.prompts().stream().map(this::media).toList();
    long promptMillis = media.stream().mapToLong(MediaRef::durationMillis).sum();
    OperationCompleted done = mediaStep(context, () -> graph.playPrompt(new PlayPrompt(input.callId(), context, media)),
        Duration.ofMillis(promptMillis));
    if (done == null) {
      return stepWithoutCompletion(nodeId, "play");
    }
    step(nodeId, "play", done.succeeded() ? "completed" : "failed:" + subcode(done));
    return node.next();
  }

  private String record(String nodeId, RecordNode node) {
    String context = nextClientContext();
    MediaRef prompt = node.prompt() == null ? null : media(node.prompt());
    var settings = node.settings();
    Duration expected = Duration.ofMillis(prompt == null ? 0 : prompt.durationMillis())
        .plusSeconds(settings.initialSilenceTimeoutInSeconds() + settings.maxRecordDurationInSeconds() + 1);
    OperationCompleted done = mediaStep(context,
        () -> graph.recordResponse(new RecordResponse(input.callId(), context, prompt, settings)), expected);
    if (done == null) {
      return stepWithoutCompletion(nodeId, "record");
    }
    String reason = RecordOutcomes.reason(done);
    if (!RecordOutcomes.hasRecording(done)) {
      boolean noInput = RecordOutcomes.isNoInput(done);
      step(nodeId, "record", noInput ? "noInput" : "failed:" + reason);
      return noInput ? node.noInput() : node.onError();
    }
    try {
      stored.add(recordings.downloadRecording(new DownloadRecording(workflowId + "/" + context.substring(workflowId.length() + 1),
          nodeId, done.operationId(), reason, done.recordingLocation(), done.recordingAccessToken())));
    } catch (ActivityFailure failure) {
      log.warn("recording of node {} could not be downloaded: {}", nodeId, failure.getCause().getMessage());
      step(nodeId, "record", "downloadFailed");
      return node.onError();
    }
    step(nodeId, "record", "recorded:" + reason);
    return node.next();
  }

  /**
   * Posts one media request and awaits its completion. The completion may already be buffered
   * (it beat the activity's return), may be in Graph's response, or may never come: the wait is
   * bounded by the operation's own length plus a margin, and a hang-up ends it at once.
   */
  private OperationCompleted mediaStep(String context, GraphCall<OperationStarted> request, Duration expected) {
    OperationStarted[] started = new OperationStarted[1];
    if (!callGraph(() -> started[0] = request.call())) {
      return null;
    }
    String operationId = started[0].operationId();
    if (started[0].isTerminal()) {
      events.completedInResponse(context, new OperationCompleted(operationId, null, context, started[0].status(),
          started[0].resultInfo(), null, null, null));
    }
    Workflow.await(expected.plus(input.timeouts().mediaMargin()),
        () -> events.completionOf(context, operationId) != null || events.isTerminated());
    return events.completionOf(context, operationId);
  }

  private String stepWithoutCompletion(String nodeId, String type) {
    if (events.isTerminated()) {
      step(nodeId, type, "hungUp");
      outcome = "CALLER_HUNG_UP";
    } else if (outcome == null) {
      step(nodeId, type, "timeout");
      outcome = "TIMED_OUT";
    }
    return null;
  }

  /** Hangs up unless the call is already over, then waits (bounded) for Graph's terminated. */
  private void endCall() {
    if (outcome == null) {
      outcome = "FAILED";
    }
    if (!events.isTerminated() && callGraph(() -> graph.hangUp(new HangUp(input.callId())))) {
      Workflow.await(input.timeouts().terminated(), events::isTerminated);
    }
  }

  /** Runs a Graph activity; false when it failed. A 404 means the call is gone. */
  private boolean callGraph(Runnable request) {
    try {
      request.run();
      return true;
    } catch (ActivityFailure failure) {
      if (GraphFailures.isCallGone(failure)) {
        events.markGone();
        if (outcome == null) {
          outcome = "CALLER_HUNG_UP";
        }
      } else {
        log.warn("graph request failed: {}", failure.getCause().getMessage());
        if (outcome == null) {
          outcome = "FAILED";
        }
      }
      return false;
    }
  }

  private MediaRef media(String promptKey) {
    MediaRef media = input.prompts().get(promptKey);
    if (media == null) {
      throw new FlowError("prompt '" + promptKey + "' was not resolved in the call input");
    }
    return media;
  }

  private String nextClientContext() {
    return CallIds.clientContext(workflowId, ++stepSequence);
  }

  private void step(String nodeId, String type, String stepOutcome) {
    path.add(new StepTaken(nodeId, type, stepOutcome, Workflow.currentTimeMillis()));
  }

  private static int subcode(OperationCompleted done) {
    return done.resultInfo() == null ? 0 : done.resultInfo().subcode();
  }

  @FunctionalInterface
  private interface GraphCall<T> {
    T call();
  }

  /** A flow that cannot go on (a missing node or prompt): the call ends cleanly as FAILED. */
  private static final class FlowError extends RuntimeException {
    FlowError(String message) {
      super(message);
    }
  }
}
