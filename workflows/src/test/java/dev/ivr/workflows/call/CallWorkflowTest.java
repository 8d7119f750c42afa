package dev.ivr.workflows.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.event.CallStateChanged;
import dev.ivr.workflows.event.GraphEventSignal;
import dev.ivr.workflows.event.IncomingCall;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.event.ResultInfo;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.Nodes;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.RecordSettings;
import dev.ivr.workflows.graph.RecordResponse;
import dev.ivr.workflows.visibility.CallSearchAttributesSupport;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallWorkflowTest {
  private static final String CALL_ID = "491F0B00-FFFF-4BC9-A43E-B226498EC22A";

  private TestWorkflowEnvironment env;
  private FakeGraph graph;

  /** Time skipping makes waits instant; real time lets notifications come after an activity returns. */
  private void start(boolean timeSkipping) {
    env = CallSearchAttributesSupport.registered(TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setUseTimeskipping(timeSkipping).build()));
    Worker worker = env.newWorker(CallIds.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(CallWorkflowImpl.class);
    graph = new FakeGraph(env.getWorkflowClient());
    worker.registerActivitiesImplementations(graph);
    env.start();
  }

  @AfterEach
  void stop() {
    graph.close();
    env.close();
  }

  @Test
  void happyPath_answersPlaysRecordsDownloadsAndHangsUp() {
    start(false);

    CallResult result = runCall(voicemail());

    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(result.path()).extracting(StepTaken::nodeId, StepTaken::outcome).containsExactly(
        tuple("answer", "established"), tuple("greeting", "completed"), tuple("record", "recorded:maxSilenceTimeout"),
        tuple("goodbye", "completed"), tuple("end", "hangUp"));
    assertThat(graph.requests)
        .containsExactly("answer", "subscribeToTone", "playPrompt", "recordResponse", "download", "playPrompt", "hangUp");
    assertThat(result.recordings()).singleElement().satisfies(r -> {
      assertThat(r.nodeId()).isEqualTo("record");
      assertThat(r.sizeBytes()).isEqualTo(96_044);
      assertThat(r.completionReason()).isEqualTo("maxSilenceTimeout");
    });
    RecordResponse sent = graph.recordRequests.get(0);
    assertThat(sent.settings().maxRecordDurationInSeconds()).isEqualTo(30);
    assertThat(sent.settings().stopTones()).containsExactly("#");
    assertThat(sent.clientContext()).isEqualTo("call-491f0b00ffff4bc9a43eb226498ec22a:2");
    assertThat(result.endReason().subcode()).isEqualTo(7000);
  }

  @Test
  void recordCompletionBeforeActivityReturns_isNotLost() {
    start(true);
    graph.recordDelivery = FakeGraph.Delivery.BEFORE_RETURN;
    graph.playDelivery = FakeGraph.Delivery.BEFORE_RETURN;

    CallResult result = runCall(voicemail());

    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(result.recordings()).hasSize(1);
    assertThat(outcomeOf(result, "record")).isEqualTo("recorded:maxSilenceTimeout");
  }

  @Test
  void duplicateRecordCompletion_isIgnored() {
    start(false);
    graph.recordDelivery = FakeGraph.Delivery.TWICE;

    CallResult result = runCall(voicemail());

    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(graph.downloadAttempts).hasValue(1);
    assertThat(result.recordings()).hasSize(1);
    assertThat(result.path()).filteredOn(s -> s.nodeId().equals("record")).hasSize(1);
  }

  @Test
  void noRecordCompletion_timesOutAndHangsUpCleanly() {
    start(true);
    graph.playDelivery = FakeGraph.Delivery.BEFORE_RETURN;
    graph.recordDelivery = FakeGraph.Delivery.NEVER;

    CallResult result = runCall(voicemail());

    assertThat(result.outcome()).isEqualTo(CallOutcome.TIMED_OUT);
    assertThat(outcomeOf(result, "record")).isEqualTo("timeout");
    assertThat(graph.requests).containsExactly("answer", "subscribeToTone", "playPrompt", "recordResponse", "hangUp");
    assertThat(result.recordings()).isEmpty();
  }

  @Test
  void downloadFailingTwice_isRetriedAndStored() {
    start(true);
    graph.playDelivery = FakeGraph.Delivery.BEFORE_RETURN;
    graph.recordDelivery = FakeGraph.Delivery.BEFORE_RETURN;
    graph.downloadFailures = 2;

    CallResult result = runCall(voicemail());

    assertThat(graph.downloadAttempts).hasValue(3);
    assertThat(result.recordings()).hasSize(1);
    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
  }

  @Test
  void callerHangsUpDuringRecording_endsCleanlyKeepingEarlierRecordings() {
    start(false);
    graph.recordDelivery = FakeGraph.Delivery.CALLER_HANGS_UP;
    graph.recordDeliveryAppliesFrom = 2;

    CallResult result = runCall(twoRecordings());

    assertThat(result.outcome()).isEqualTo(CallOutcome.CALLER_HUNG_UP);
    assertThat(result.recordings()).extracting(RecordingStored::nodeId).containsExactly("first");
    assertThat(outcomeOf(result, "second")).isEqualTo("hungUp");
    assertThat(graph.requests).doesNotContain("hangUp");
    assertThat(result.endReason().subcode()).isEqualTo(540000);
  }

  @Test
  void completionWithoutClientContext_isCorrelatedByOperationId() {
    start(false);
    graph.omitClientContext = true;

    CallResult result = runCall(voicemail());

    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(result.recordings()).hasSize(1);
  }

  @Test
  void callerHangsUpBeforeEstablished_endsWithoutMediaRequests() {
    start(false);
    WorkflowStub stub = startCall(voicemail(), false);
    graph.signal(CALL_ID, new CallStateChanged("terminated", new ResultInfo(200, 540000, "user hung up"), null));

    CallResult result = stub.getResult(CallResult.class);

    assertThat(result.outcome()).isEqualTo(CallOutcome.CALLER_HUNG_UP);
    assertThat(graph.requests).doesNotContain("playPrompt", "recordResponse", "hangUp");
  }

  private CallResult runCall(Flow flow) {
    return startCall(flow, true).getResult(CallResult.class);
  }

  /** Starts the call the way the webhook does: signalWithStart with the incoming-call event. */
  private WorkflowStub startCall(Flow flow, boolean answerable) {
    WorkflowClient client = env.getWorkflowClient();
    CallWorkflow call = client.newWorkflowStub(CallWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(CallIds.workflowId(CALL_ID))
        .setTaskQueue(CallIds.TASK_QUEUE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build());
    var incoming = new CallStateChanged("incoming", null,
        new IncomingCall("+15550100", "phone", "app-instance-1", "applicationInstance", "tenant", "chain"));
    var request = client.newSignalWithStartRequest();
    request.add(call::run, new CallInput(CALL_ID, "tenant", "incoming", "https://bot.example/callbacks/calling",
        flow, prompts(), CallTimeouts.defaults()));
    request.add(call::onGraphEvent, new GraphEventSignal("m-1", 0, incoming));
    if (!answerable) {
      graph.hangUpOnAnswer = true;
    }
    client.signalWithStart(request);
    return WorkflowStub.fromTyped(call);
  }

  private static Map<String, MediaRef> prompts() {
    return Map.of(
        "greeting", new MediaRef("https://bot.example/prompts/en-US/greeting.wav", "res-greeting", 1500),
        "goodbye", new MediaRef("https://bot.example/prompts/en-US/goodbye.wav", "res-goodbye", 800));
  }

  static Flow voicemail() {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("greeting", new PlayNode(List.of("greeting"), "record"));
    nodes.put("record", Nodes.record()
        .settings(new RecordSettings(5, 3, 30, true, false, List.of("#"))).next("goodbye").build());
    nodes.put("goodbye", new PlayNode(List.of("goodbye"), "end"));
    nodes.put("end", new HangupNode());
    return new Flow("voicemail", "v1", "greeting", nodes);
  }

  private static Flow twoRecordings() {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("first", Nodes.record().prompt("greeting").settings(RecordSettings.defaults()).next("second").build());
    nodes.put("second", Nodes.record().settings(RecordSettings.defaults()).next("end").build());
    nodes.put("end", new HangupNode());
    return new Flow("two", "v1", "first", nodes);
  }

  private static String outcomeOf(CallResult result, String nodeId) {
    return result.path().stream().filter(s -> s.nodeId().equals(nodeId)).map(StepTaken::outcome).findFirst().orElseThrow();
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }
}
