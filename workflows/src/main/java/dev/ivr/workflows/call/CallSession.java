package dev.ivr.workflows.call;

import dev.ivr.workflows.event.CallEvents;
import dev.ivr.workflows.event.OperationCompleted;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.PromptCatalog;
import dev.ivr.workflows.graph.GraphCallActivities;
import dev.ivr.workflows.graph.OperationStarted;
import dev.ivr.workflows.interpreter.FlowError;
import dev.ivr.workflows.interpreter.ToneBuffer;
import dev.ivr.workflows.interpreter.Variables;
import dev.ivr.workflows.operator.OperableCall;
import dev.ivr.workflows.operator.OperatorActions;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The state of one call that every step shares: its input, Graph events and stub, variables, the
 * flow being run (a stack, for subflows), the path so far, the stored recordings and the outcome.
 * Workflow code only: deterministic, no I/O.
 */
public final class CallSession implements OperableCall {

  private static final Logger log = Workflow.getLogger(CallSession.class);

  private final CallInput input;
  private final CallEvents events;
  private final String workflowId;
  private final Variables variables;
  private final ToneBuffer tones;
  private final PromptCatalog prompts;
  /** Guards interpreter changes with getVersion and tags calls with TemporalChangeVersion. */
  private final ChangeVersions versions = new ChangeVersions();
  private final List<StepTaken> path = new ArrayList<>();
  private final List<RecordingStored> stored = new ArrayList<>();
  /** The operator actions of the call: queued by the signal handler, run by the interpreter. */
  private final OperatorActions operator;
  /** The call took the operator-visibility change: it upserts search attributes and obeys operators. */
  private boolean operable;
  private boolean outcomeAttribute;
  /** Graph requests as local activities: one marker per request instead of an activity task round trip. */
  private boolean localGraph;
  private int graphRequestsRunning;
  /** Workflow time when the call's run began. */
  private final long startedAtMillis = Workflow.currentTimeMillis();
  private final Deque<Flow> flows = new ArrayDeque<>();
  /** {@code caller} and {@code called}, in every scope (subflows too). */
  private final Map<String, Object> parties;
  private String currentNode;
  private String currentNodeType;
  private String graphCallId;
  private CallOutcome outcome;
  /** Why the call failed unexpectedly ({@link CallBackstop}); null otherwise. */
  private String failure;
  private int stepSequence;
  /** An outbound call with a retry schedule: its attempts so far and the next one's time; null otherwise. */
  private List<CallAttempt> attempts;
  private Long nextAttemptAtMillis;

  public CallSession(CallInput input, CallEvents events, String workflowId, OperatorActions operator) {
    this.input = input;
    this.operator = operator;
    this.events = events;
    this.workflowId = workflowId;
    this.graphCallId = input.callId();
    this.tones = new ToneBuffer(events, operator::isPending);
    this.prompts = new PromptCatalog(input.prompts());
    this.parties = CallParties.of(input);
    var root = new LinkedHashMap<String, Object>(input.flow().variables());
    root.putAll(input.variables());
    root.putAll(parties);
    this.variables = new Variables(root);
    flows.push(input.flow());
  }

  public CallInput input() {
    return input;
  }

  public CallEvents events() {
    return events;
  }

  public String workflowId() {
    return workflowId;
  }

  public Variables variables() {
    return variables;
  }

  public ToneBuffer tones() {
    return tones;
  }

  public PromptCatalog prompts() {
    return prompts;
  }

  public ChangeVersions versions() {
    return versions;
  }

  public List<StepTaken> path() {
    return path;
  }

  public List<RecordingStored> stored() {
    return stored;
  }

  public OperatorActions operator() {
    return operator;
  }

  public long startedAtMillis() {
    return startedAtMillis;
  }

  @Override
  public boolean isOperable() {
    return operable;
  }

  public void operable(boolean operable) {
    this.operable = operable;
  }

  /** Whether the call upserts {@code CallOutcome} when it ends (calls that took that change). */
  public boolean hasOutcomeAttribute() {
    return outcomeAttribute;
  }

  public void outcomeAttribute(boolean outcomeAttribute) {
    this.outcomeAttribute = outcomeAttribute;
  }

  /** The Graph id of the call: the inbound call's, or the one Graph gave the outbound call. */
  public String graphCallId() {
    return graphCallId;
  }

  public void placed(String graphCallId) {
    this.graphCallId = graphCallId;
  }

  public Flow flow() {
    return flows.peek();
  }

  public int depth() {
    return flows.size();
  }

  public void enter(Flow subflow, Map<String, Object> scope) {
    flows.push(subflow);
    Map<String, Object> withParties = new LinkedHashMap<>(scope);
    withParties.putAll(parties);
    variables.enter(withParties);
  }

  public Map<String, Object> leave() {
    flows.pop();
    return variables.leave();
  }

  /**
   * A Graph stub whose requests carry {@code summary} (the Web UI shows it on the activity: "play
   * greeting", "hang up"); a summary is metadata, not part of the command that replay compares.
   */
  public GraphCallActivities graph(String summary) {
    if (localGraph) {
      return Workflow.newLocalActivityStub(GraphCallActivities.class,
          LocalActivityOptions.newBuilder(CallActivityOptions.graphLocal()).setSummary(summary).build());
    }
    return Workflow.newActivityStub(GraphCallActivities.class,
        ActivityOptions.newBuilder(CallActivityOptions.graph()).setSummary(summary).build());
  }

  /** Graph requests run as local activities (calls that took {@link CallActivityOptions#LOCAL_GRAPH_CHANGE_ID}). */
  public void localGraph(boolean localGraph) {
    this.localGraph = localGraph;
  }

  /** The node now running, named like the path ({@code <flow>/<node>} in a subflow); null before the flow. */
  @Override
  public String currentNode() {
    return currentNode;
  }

  public String currentNodeType() {
    return currentNodeType;
  }

  public void nodeStarted(String nodeId, String type) {
    currentNode = pathId(nodeId);
    currentNodeType = type;
  }

  @Override
  public boolean hasPrompt(String promptKey) {
    return prompts.resolve(promptKey, callerLocale(), flow().locales()) != null;
  }

  public CallOutcome outcome() {
    return outcome;
  }

  /** The attempts of an outbound call whose flow retries; null for every other call. */
  public List<CallAttempt> attempts() {
    return attempts == null ? null : List.copyOf(attempts);
  }

  /** What operators see of the attempts (snapshot, details); null for a call without a retry schedule. */
  public CallAttempts attemptsView() {
    if (attempts == null) {
      return null;
    }
    int current = nextAttemptAtMillis != null ? attempts.size() + 1 : Math.max(1, attempts.size());
    return new CallAttempts(current, input.flow().outboundRetry().attempts(), nextAttemptAtMillis, attempts);
  }

  void attempted(CallAttempt attempt) {
    if (attempts == null) {
      attempts = new ArrayList<>();
    }
    attempts.add(attempt);
  }

  /** Waiting for the next attempt, due at {@code atMillis}; null when no longer waiting. */
  void nextAttemptAt(Long atMillis) {
    nextAttemptAtMillis = atMillis;
  }

  /** The outbound call will be placed again: no outcome yet, and Graph will name the new call. */
  void nextAttempt() {
    outcome = null;
    graphCallId = input.callId();
    nextAttemptAtMillis = null;
  }

  @Override
  public boolean isWaitingToRetry() {
    return events.isWaitingToRetry();
  }

  /** The cause of an unexpected failure that the {@link CallBackstop} caught; null when there was none. */
  public String failure() {
    return failure;
  }

  void failed(String cause) {
    if (failure == null) {
      failure = cause;
    }
  }

  public boolean isOver() {
    return outcome != null;
  }

  @Override
  public boolean isConnected() {
    return events.isEstablished();
  }

  @Override
  public boolean hasEnded() {
    return isOver() || events.isTerminated();
  }

  /** Sets the call's outcome unless one is set already: the first reason wins. */
  public void end(CallOutcome callOutcome) {
    if (outcome == null) {
      outcome = callOutcome;
    }
  }

  public Duration scaled(Duration d) {
    return input.timeouts().scaled(d);
  }

  public Duration scaledSeconds(int seconds) {
    return scaled(Duration.ofSeconds(seconds));
  }

  /** The localised media of a prompt key, by the caller's locale and the flow's fallback chain. */
  public MediaRef media(String promptKey) {
    MediaRef media = prompts.resolve(promptKey, callerLocale(), flow().locales());
    if (media == null) {
      throw new FlowError("prompt '" + promptKey + "' has no media for locale " + callerLocale());
    }
    return media;
  }

  /** The locales prompts are looked up in, in order: the caller's, its language, then the flow's. */
  public List<String> localeChain() {
    return PromptCatalog.chain(callerLocale(), flow().locales());
  }

  private String callerLocale() {
    String name = flow().localeVariable() != null ? flow().localeVariable() : input.flow().localeVariable();
    if (name == null) {
      return null;
    }
    Object value = variables.get(name) != null ? variables.get(name) : variables.rootValue(name);
    return value instanceof String s ? s : null;
  }

  /** Runs a Graph request; false when it failed. A 404 means the call is gone: CALLER_HUNG_UP. */
  public boolean callGraph(Runnable request) {
    if (localGraph) {
      graphRequestsRunning++;
    }
    try {
      request.run();
      return true;
    } catch (ActivityFailure failure) {
      if (GraphFailures.isCallGone(failure)) {
        events.markGone();
        end(CallOutcome.CALLER_HUNG_UP);
      } else {
        log.warn("graph request failed: {}", failure.getCause().getMessage());
      }
      return false;
    } finally {
      if (localGraph) {
        graphRequestsRunning--;
      }
    }
  }

  /**
   * Whether a Graph request runs as a local activity right now: the workflow task goes on after it,
   * so {@code CallVisibility} waits for the call's next real wait before it upserts (one upsert per
   * workflow task, as with activities). Always false where Graph requests are activities.
   */
  public boolean isGraphRequestRunning() {
    return graphRequestsRunning > 0;
  }

  /**
   * Posts one media request and awaits its completion, which may already be buffered, may be in
   * Graph's response, or may never come: the wait is bounded by {@code expected} plus the margin
   * (scaled), and ends early on hang-up or when {@code interrupt} turns true. Null when no
   * completion came; a request that Graph refuses is a {@link FlowError}.
   */
  public OperationCompleted media(String context, Supplier<OperationStarted> request, Duration expected,
      BooleanSupplier interrupt) {
    OperationStarted[] started = new OperationStarted[1];
    if (!callGraph(() -> started[0] = request.get())) {
      if (isOver()) {
        return null;
      }
      throw new FlowError("Graph refused the media request " + context);
    }
    String operationId = started[0].operationId();
    if (started[0].isTerminal()) {
      events.completedInResponse(context, new OperationCompleted(operationId, null, context, started[0].status(),
          started[0].resultInfo(), null, null, null));
    }
    Workflow.await(scaled(expected.plus(input.timeouts().mediaMargin())),
        () -> events.completionOf(context, operationId) != null || events.isTerminated() || interrupt.getAsBoolean());
    return events.completionOf(context, operationId);
  }

  /** A media step that got no completion: the caller hung up, or Graph never answered. */
  public String withoutCompletion(String nodeId, String type) {
    if (events.isTerminated()) {
      step(nodeId, type, "hungUp");
      end(CallOutcome.CALLER_HUNG_UP);
    } else if (!isOver()) {
      step(nodeId, type, "timeout");
      end(CallOutcome.TIMED_OUT);
    }
    return null;
  }

  public String nextClientContext() {
    return CallIds.clientContext(workflowId, ++stepSequence);
  }

  /** Adds a step to the path; nodes of a subflow are named {@code <flow id>/<node id>}. */
  public void step(String nodeId, String type, String stepOutcome) {
    path.add(new StepTaken(pathId(nodeId), type, stepOutcome, Workflow.currentTimeMillis()));
  }

  private String pathId(String nodeId) {
    return flows.size() > 1 ? flow().id() + "/" + nodeId : nodeId;
  }
}
