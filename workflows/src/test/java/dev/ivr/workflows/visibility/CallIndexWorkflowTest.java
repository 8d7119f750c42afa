package dev.ivr.workflows.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.call.CallHarness;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.operator.OperatorAction;
import dev.ivr.workflows.operator.OperatorCalls;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The call index: calls report start and end to it, best effort; it stays bounded across continue-as-new. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallIndexWorkflowTest {

  @Test
  void aCall_reportsItsStartAndItsEndToTheIndex() {
    try (CallHarness harness = new CallHarness(false)) {
      harness.graph.promptsUntilCancelled.add(1);
      startIndex(harness.env.getWorkflowClient());
      WorkflowStub call = harness.start(CallHarness.input(OperatorCalls.menuFlow(), Map.of(), Map.of()));
      OperatorCalls.awaitSnapshot(call, s -> "menu".equals(s.currentNode()));

      CallIndexEntry live = awaitEntries(harness.env.getWorkflowClient(), 1).get(0);
      assertThat(live.callId()).isEqualTo(CallHarness.CALL_ID);
      assertThat(live.workflowId()).isEqualTo(CallIds.workflowId(CallHarness.CALL_ID));
      assertThat(live.flowId()).isEqualTo("test");
      assertThat(live.direction()).isEqualTo("incoming");
      assertThat(live.outcome()).isNull();
      assertThat(live.startedAtMillis()).isPositive();

      OperatorCalls.signal(call, OperatorAction.hangup("alice", "2026-11-24T10:00:00Z", null));
      call.getResult(CallResult.class);
      CallIndexEntry ended = awaitOutcome(harness.env.getWorkflowClient());
      assertThat(ended.outcome()).isEqualTo("OPERATOR_HUNG_UP");
      assertThat(ended.endedAtMillis()).isGreaterThanOrEqualTo(ended.startedAtMillis());
      assertThat(index(harness.env.getWorkflowClient()).recent(10)).hasSize(1);
    }
  }

  @Test
  void withoutAnIndex_theCallCompletesAllTheSame() {
    try (CallHarness harness = new CallHarness(true)) {
      Map<String, FlowNode> nodes = new LinkedHashMap<>();
      nodes.put("hello", new PlayNode(List.of("greeting"), "end"));
      nodes.put("end", new HangupNode());

      CallResult result = harness.run(CallHarness.flow("hello", nodes));

      assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
      var events = harness.env.getWorkflowClient().fetchHistory(CallIds.workflowId(CallHarness.CALL_ID)).getEvents();
      assertThat(events).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED)
          .as("start and end reported").hasSize(2);
      assertThat(events).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED)
          .as("both refused: there is no index").hasSize(2);
    }
  }

  /**
   * On a server with visibility the api starts calls with {@code callIndex} false: no signal to an
   * index, so no failed event in the call's history, and the outcome is a search attribute instead.
   */
  @Test
  void aCallThatDoesNotReportToTheIndex_signalsNothing_andSetsItsOutcomeAttribute() {
    try (CallHarness harness = new CallHarness(true)) {
      Map<String, FlowNode> nodes = new LinkedHashMap<>();
      nodes.put("hello", new PlayNode(List.of("greeting"), "end"));
      nodes.put("end", new HangupNode());

      CallResult result = harness.run(CallHarness.input(CallHarness.flow("hello", nodes), Map.of(), Map.of())
          .withCallIndex(false));

      assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
      String workflowId = CallIds.workflowId(CallHarness.CALL_ID);
      var events = harness.env.getWorkflowClient().fetchHistory(workflowId).getEvents();
      assertThat(events).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED)
          .as("index reports").isEmpty();
      assertThat(harness.env.getWorkflowClient().newUntypedWorkflowStub(workflowId).describe()
          .getTypedSearchAttributes().get(CallSearchAttributes.CALL_OUTCOME)).isEqualTo("COMPLETED");
    }
  }

  @Test
  void anInputRecordedBeforeTheFlagExisted_reportsToTheIndex() throws Exception {
    var converter = io.temporal.common.converter.DefaultDataConverter.newDefaultInstance();
    CallInput recorded = CallHarness.input(OperatorCalls.menuFlow(), Map.of(), Map.of());
    // the JSON of an input from before: no callIndex field at all
    var json = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(converter.toPayload(recorded).orElseThrow().getData().toStringUtf8());
    json.remove("callIndex");
    var payload = converter.toPayload(recorded).orElseThrow().toBuilder()
        .setData(com.google.protobuf.ByteString.copyFromUtf8(json.toString())).build();
    assertThat(converter.fromPayload(payload, CallInput.class, CallInput.class).callIndex()).isTrue();
    assertThat(recorded.withCallIndex(false).callIndex()).isFalse();
  }

  @Test
  void theIndex_keepsABoundedWindowNewestFirstAcrossContinueAsNew() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(CallIds.TASK_QUEUE);
      worker.registerWorkflowImplementationFactory(CallIndexWorkflow.class, () -> new CallIndexWorkflowImpl(3, 4));
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      String firstRun = startIndex(client);
      CallIndexWorkflow index = client.newWorkflowStub(CallIndexWorkflow.class, CallIds.CALL_INDEX_WORKFLOW_ID);

      for (int i = 1; i <= 5; i++) {
        index.report(entry("c" + i, i * 1000L, 0, null));
      }
      index.report(entry("c4", 4000L, 4500L, "COMPLETED"));
      index.report(null);

      List<CallIndexEntry> recent = index.recent(10);
      assertThat(recent).extracting(CallIndexEntry::callId).containsExactly("c5", "c4", "c3");
      assertThat(recent.get(1).outcome()).isEqualTo("COMPLETED");
      assertThat(index.recent(2)).extracting(CallIndexEntry::callId).containsExactly("c5", "c4");
      String currentRun = client.newUntypedWorkflowStub(CallIds.CALL_INDEX_WORKFLOW_ID).describe().getExecution()
          .getRunId();
      assertThat(currentRun).as("continued as new after 4 reports").isNotEqualTo(firstRun);
    }
  }

  private static CallIndexEntry entry(String callId, long started, long ended, String outcome) {
    return new CallIndexEntry(callId, "call-" + callId, "flow", "v1", "incoming", "tenant", started, ended, outcome);
  }

  private static String startIndex(WorkflowClient client) {
    CallIndexWorkflow index = client.newWorkflowStub(CallIndexWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(CallIds.CALL_INDEX_WORKFLOW_ID)
        .setTaskQueue(CallIds.TASK_QUEUE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build());
    return WorkflowClient.start(index::run, List.of()).getRunId();
  }

  private static CallIndexWorkflow index(WorkflowClient client) {
    return client.newWorkflowStub(CallIndexWorkflow.class, CallIds.CALL_INDEX_WORKFLOW_ID);
  }

  private static List<CallIndexEntry> awaitEntries(WorkflowClient client, int count) {
    while (true) {
      List<CallIndexEntry> recent = index(client).recent(10);
      if (recent.size() >= count) {
        return recent;
      }
      sleep();
    }
  }

  private static CallIndexEntry awaitOutcome(WorkflowClient client) {
    while (true) {
      List<CallIndexEntry> recent = index(client).recent(10);
      if (!recent.isEmpty() && recent.get(0).outcome() != null) {
        return recent.get(0);
      }
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
