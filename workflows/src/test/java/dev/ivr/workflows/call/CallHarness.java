package dev.ivr.workflows.call;

import com.uber.m3.tally.Scope;
import dev.ivr.workflows.event.CallStateChanged;
import dev.ivr.workflows.event.GraphEventSignal;
import dev.ivr.workflows.event.IncomingCall;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.visibility.CallIndexWorkflowImpl;
import dev.ivr.workflows.visibility.CallMetadata;
import dev.ivr.workflows.visibility.CallSearchAttributesSupport;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call workflow on TestWorkflowEnvironment with {@link FakeGraph} and {@link FakeHttp}. With
 * time skipping, the fake delivers every notification before its activity returns, so that no
 * signal is in flight while the test server skips time.
 */
public final class CallHarness implements AutoCloseable {
  public static final String CALL_ID = "7d6e1f00-1111-4bc9-a43e-b226498ec22a";
  public static final String PROMPTS = "https://bot.example/prompts/";

  public final TestWorkflowEnvironment env;
  public final FakeGraph graph;
  public final FakeHttp http = new FakeHttp();

  public CallHarness(boolean timeSkipping) {
    this(timeSkipping, null);
  }

  public CallHarness(boolean timeSkipping, Instant startTime) {
    this(timeSkipping, startTime, null);
  }

  /** With {@code metrics}, the workflows' metrics go to that scope. */
  public CallHarness(boolean timeSkipping, Instant startTime, Scope metrics) {
    var options = TestEnvironmentOptions.newBuilder().setUseTimeskipping(timeSkipping);
    if (startTime != null) {
      options.setInitialTime(startTime);
    }
    if (metrics != null) {
      options.setMetricsScope(metrics);
    }
    env = CallSearchAttributesSupport.registered(TestWorkflowEnvironment.newInstance(options.build()));
    Worker worker = env.newWorker(CallIds.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(CallWorkflowImpl.class, CallIndexWorkflowImpl.class);
    graph = new FakeGraph(env.getWorkflowClient());
    if (timeSkipping) {
      graph.playDelivery = FakeGraph.Delivery.BEFORE_RETURN;
      graph.recordDelivery = FakeGraph.Delivery.BEFORE_RETURN;
    }
    worker.registerActivitiesImplementations(graph, http);
    env.start();
  }

  public CallResult run(Flow flow) {
    return run(input(flow, Map.of(), Map.of()));
  }

  public CallResult run(CallInput input) {
    return start(input).getResult(CallResult.class);
  }

  /**
   * Starts the call the way the webhook does: signalWithStart with the incoming-call event, and the
   * static summary and details.
   */
  public WorkflowStub start(CallInput input) {
    WorkflowClient client = env.getWorkflowClient();
    CallWorkflow call = client.newWorkflowStub(CallWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(CallIds.workflowId(input.callId()))
        .setTaskQueue(CallIds.TASK_QUEUE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setStaticSummary(CallMetadata.staticSummary(input))
        .setStaticDetails(CallMetadata.staticDetails(input))
        .build());
    var incoming = new CallStateChanged("incoming", null,
        new IncomingCall("+15550100", "phone", "app-instance-1", "applicationInstance", "tenant", "chain"));
    var request = client.newSignalWithStartRequest();
    request.add(call::run, input);
    request.add(call::onGraphEvent, new GraphEventSignal("m-1", 0, incoming));
    client.signalWithStart(request);
    return WorkflowStub.fromTyped(call);
  }

  public static CallInput input(Flow flow, Map<String, Object> variables, Map<String, Flow> subflows) {
    return new CallInput(CALL_ID, "tenant", "incoming", "https://bot.example/callbacks/calling", flow, subflows,
        prompts(), variables, CallTimeouts.defaults());
  }

  /** An outbound call to +15550199 from app-instance-1 that greets the callee and hangs up. */
  public static CallInput outboundGreeting() {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("hello", new PlayNode(List.of("greeting"), "end"));
    nodes.put("end", new HangupNode());
    return CallInput.outgoing(CALL_ID, "tenant", "https://bot.example/callbacks/calling", flow("hello", nodes),
        OutboundTarget.phone("+15550199", "app-instance-1")).withPrompts(prompts());
  }

  /** Bare-key prompts of one second each, plus a French greeting for the locale tests. */
  public static Map<String, MediaRef> prompts() {
    Map<String, MediaRef> prompts = new LinkedHashMap<>();
    for (String key : List.of("greeting", "short", "ni1", "ni2", "nm1", "nm2", "invalid", "timeout", "goodbye",
        "enter", "retry", "thanks", "sorry", "hold", "open", "closed")) {
      prompts.put(key, media(key));
    }
    prompts.put("fr/greeting", media("fr/greeting"));
    prompts.put("en-US/menu", media("en-US/menu"));
    return prompts;
  }

  public static MediaRef media(String key) {
    return new MediaRef(PROMPTS + key + ".wav", "res-" + key.replace('/', '-'), 1000);
  }

  public static Flow flow(String start, Map<String, FlowNode> nodes) {
    return new Flow("test", "v1", start, nodes);
  }

  /** The URIs of each playPrompt, one prompt key per request (the key is the URI's path). */
  public List<String> played() {
    return graph.playedUris.stream()
        .map(uris -> String.join("+", uris.stream().map(u -> u.substring(PROMPTS.length(), u.length() - 4)).toList()))
        .toList();
  }

  public static List<String> outcomes(CallResult result) {
    return result.path().stream().map(s -> s.nodeId() + "=" + s.outcome()).toList();
  }

  @Override
  public void close() {
    graph.close();
    env.close();
  }
}
