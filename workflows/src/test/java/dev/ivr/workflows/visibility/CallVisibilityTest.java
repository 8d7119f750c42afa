package dev.ivr.workflows.visibility;

import static dev.ivr.workflows.operator.OperatorCalls.awaitSnapshot;
import static dev.ivr.workflows.operator.OperatorCalls.menuFlow;
import static dev.ivr.workflows.operator.OperatorCalls.signal;
import static dev.ivr.workflows.operator.OperatorCalls.snapshot;
import static dev.ivr.workflows.operator.OperatorCalls.startAtMenu;
import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.ivr.workflows.call.CallHarness;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.CallSnapshot;
import dev.ivr.workflows.call.CallTimeouts;
import dev.ivr.workflows.call.CallWorkflow;
import dev.ivr.workflows.call.OutboundTarget;
import dev.ivr.workflows.call.StepTaken;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.Nodes;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.RecordSettings;
import dev.ivr.workflows.flow.SetNode;
import dev.ivr.workflows.operator.OperatorAction;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What operators see of a call: search attributes, summaries, details, queries and metrics. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallVisibilityTest {
  private CallHarness harness;

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void searchAttributes_areUpsertedAtStartAndWhenNodeAndStateChange() {
    harness = new CallHarness(false);
    WorkflowStub call = startAtMenu(harness);

    var live = call.describe().getTypedSearchAttributes();
    assertThat(live.get(CallSearchAttributes.CALL_ID)).isEqualTo(CallHarness.CALL_ID);
    assertThat(live.get(CallSearchAttributes.FLOW_ID)).isEqualTo("test");
    assertThat(live.get(CallSearchAttributes.FLOW_VERSION)).isEqualTo("v1");
    assertThat(live.get(CallSearchAttributes.DIRECTION)).isEqualTo("incoming");
    assertThat(live.get(CallSearchAttributes.TENANT)).isEqualTo("tenant");
    assertThat(live.get(CallSearchAttributes.CURRENT_NODE)).isEqualTo("menu");
    assertThat(live.get(CallSearchAttributes.CALL_STATE)).isEqualTo("established");

    signal(call, OperatorAction.hangup("alice", "2026-11-24T10:00:00Z", null));
    call.getResult(CallResult.class);
    var ended = call.describe().getTypedSearchAttributes();
    assertThat(ended.get(CallSearchAttributes.CALL_STATE)).isEqualTo("terminated");
    assertThat(ended.get(CallSearchAttributes.CURRENT_NODE)).isEqualTo("menu");
    assertThat(ended.get(CallSearchAttributes.CALL_OUTCOME)).isEqualTo("OPERATOR_HUNG_UP");
    assertThat(live.get(CallSearchAttributes.CALL_OUTCOME)).as("unset while the call runs").isNull();
    assertAtMostOneUpsertPerWorkflowTaskButTwoInTheFirst(history(call));
  }

  /**
   * A call of 30 set nodes, then a prompt, upserts the same CurrentNode values as the same call
   * without the set nodes: none is a set node. (CallState upserts depend on when Graph's
   * notifications arrive, so their number may differ.) Each workflow task carries at most one
   * upsert, the first at most two (TemporalChangeVersion and the attributes set at start).
   */
  @Test
  void upserts_atMostOnePerWorkflowTaskTwoInTheFirst_andAChainOfSetNodesAddsNone() {
    harness = new CallHarness(true);
    Map<String, FlowNode> plain = new LinkedHashMap<>();
    plain.put("bye", new PlayNode(List.of("goodbye"), "end"));
    plain.put("end", new HangupNode());
    Map<String, FlowNode> chained = new LinkedHashMap<>();
    for (int i = 1; i <= 30; i++) {
      chained.put("set" + i, new SetNode(Map.of("x", String.valueOf(i)), i < 30 ? "set" + (i + 1) : "bye", null));
    }
    chained.putAll(plain);

    List<HistoryEvent> withoutSets = runCall("0a5e7c00-0000-4000-8000-000000000001", CallHarness.flow("bye", plain));
    List<HistoryEvent> withSets = runCall("0a5e7c00-0000-4000-8000-000000000002", CallHarness.flow("set1", chained));

    assertAtMostOneUpsertPerWorkflowTaskButTwoInTheFirst(withoutSets);
    assertAtMostOneUpsertPerWorkflowTaskButTwoInTheFirst(withSets);
    assertThat(upsertedNodes(withoutSets)).as("CurrentNode values upserted without set nodes")
        .containsExactly("answer", "bye", "end");
    assertThat(upsertedNodes(withSets)).as("CurrentNode values upserted with 30 set nodes")
        .isEqualTo(upsertedNodes(withoutSets));
  }

  @Test
  void summariesAndDetails_nameTheCallTheNodeAndEachActivity() {
    harness = new CallHarness(false);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("greeting", new PlayNode(List.of("greeting"), "message"));
    nodes.put("message", Nodes.record().settings(RecordSettings.defaults()).next("end").build());
    nodes.put("end", new HangupNode());
    WorkflowStub call = harness.start(CallHarness.input(CallHarness.flow("greeting", nodes), Map.of(), Map.of()));
    call.getResult(CallResult.class);

    WorkflowMetadata metadata = call.query(WorkflowClient.QUERY_TYPE_WORKFLOW_METADATA, WorkflowMetadata.class);
    assertThat(metadata.getCurrentDetails()).contains("**Node** `end` (hangup)", "**Outcome** COMPLETED",
        "`message` record → recorded:maxSilenceTimeout");
    List<String> summaries = history(call).stream()
        // Graph requests are local activities (markers), the download an activity
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
            || e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED && e.getUserMetadata().hasSummary())
        .map(e -> DefaultDataConverter.STANDARD_INSTANCE.fromPayload(e.getUserMetadata().getSummary(), String.class,
            String.class))
        .toList();
    assertThat(summaries).containsExactly("answer call", "subscribe to tones", "play greeting", "record message",
        "download recording of message", "hang up");
  }

  /** Set by the api when it starts a call; the test server keeps them on start (not on signalWithStart). */
  @Test
  void staticSummaryAndDetails_ofAnOutboundCall_areOnTheExecution() {
    harness = new CallHarness(true);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("hello", new PlayNode(List.of("greeting"), "end"));
    nodes.put("end", new HangupNode());
    CallInput input = CallInput.outgoing(CallHarness.CALL_ID, "tenant", "https://bot.example/callbacks/calling",
        CallHarness.flow("hello", nodes), OutboundTarget.phone("+15550199", null)).withPrompts(CallHarness.prompts());
    CallWorkflow workflow = harness.env.getWorkflowClient().newWorkflowStub(CallWorkflow.class,
        io.temporal.client.WorkflowOptions.newBuilder()
            .setWorkflowId(CallIds.workflowId(CallHarness.CALL_ID))
            .setTaskQueue(CallIds.TASK_QUEUE)
            .setStaticSummary(CallMetadata.staticSummary(input))
            .setStaticDetails(CallMetadata.staticDetails(input))
            .build());
    WorkflowClient.start(workflow::run, input);
    WorkflowStub call = WorkflowStub.fromTyped(workflow);
    call.getResult(CallResult.class);

    WorkflowExecutionDescription description = call.describe();
    assertThat(description.getStaticSummary()).isEqualTo("outgoing call · test v1");
    assertThat(description.getStaticDetails())
        .contains("**Call** `" + CallHarness.CALL_ID + "`", "**Flow** `test` version `v1`", "**Direction** outgoing")
        .doesNotContain("+1555");
  }

  @Test
  void queries_snapshotVariablesRedactedRecordingsAndAudit() {
    harness = new CallHarness(false);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("message", Nodes.record().settings(RecordSettings.defaults()).variable("msg").next("set").build());
    nodes.put("set", new SetNode(Map.of("pin", "'1234'"), "menu", null));
    nodes.putAll(menuFlow().nodes());
    Flow flow = new Flow("queries", "v7", null, null, null, Map.of("pin", "", "name", "Ada"), List.of("pin"), "message",
        null, nodes);
    harness.graph.promptsUntilCancelled.add(1);
    WorkflowStub call = harness.start(CallHarness.input(flow, Map.of("targetPhone", "+15550100"), Map.of()));

    CallSnapshot live = awaitSnapshot(call, s -> "menu".equals(s.currentNode()));
    assertThat(live.callId()).isEqualTo(CallHarness.CALL_ID);
    assertThat(live.workflowId()).isEqualTo(CallIds.workflowId(CallHarness.CALL_ID));
    assertThat(live.flowId()).isEqualTo("queries");
    assertThat(live.flowVersion()).isEqualTo("v7");
    assertThat(live.direction()).isEqualTo("incoming");
    assertThat(live.tenantId()).isEqualTo("tenant");
    assertThat(live.callState()).isEqualTo("established");
    assertThat(live.currentNodeType()).isEqualTo("menu");
    assertThat(live.outcome()).isNull();
    assertThat(live.startedAtMillis()).isPositive();
    assertThat(live.path()).extracting(StepTaken::nodeId).containsExactly("answer", "message", "set");
    assertThat(live.variables()).containsEntry("pin", "***").containsEntry("targetPhone", "***")
        .containsEntry("name", "Ada");
    assertThat(live.recordings()).singleElement().satisfies(r -> assertThat(r.nodeId()).isEqualTo("message"));
    assertThat(call.query("variables", Map.class)).isEqualTo(live.variables());
    assertThat(call.query("recordings", List.class)).hasSize(1);

    signal(call, OperatorAction.hangup("alice", "2026-11-24T10:00:00Z", "test"));
    call.getResult(CallResult.class);
    CallSnapshot ended = snapshot(call);
    assertThat(ended.outcome()).isEqualTo("OPERATOR_HUNG_UP");
    assertThat(ended.callState()).isEqualTo("terminated");
    assertThat(ended.audit()).singleElement().satisfies(e -> assertThat(e.action().reason()).isEqualTo("test"));
    assertThat(call.query("audit", List.class)).hasSize(1);
  }

  @Test
  void metrics_callsStartedEndedByOutcomeAndNodeDurationByType() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Scope scope = new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(com.uber.m3.util.Duration.ofMillis(10));
    harness = new CallHarness(true, null, scope);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("set", new SetNode(Map.of("x", "1"), "greeting", null));
    nodes.put("greeting", new PlayNode(List.of("greeting"), "end"));
    nodes.put("end", new HangupNode());

    harness.run(CallHarness.flow("set", nodes));
    scope.close();

    assertThat(registry.get("ivr_calls_started").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("ivr_calls_ended").tag("outcome", "COMPLETED").counter().count()).isEqualTo(1.0);
    for (String type : List.of("set", "play", "hangup")) {
      assertThat(registry.get("ivr_node_duration").tag("type", type).timer().count()).as(type).isEqualTo(1);
    }
    assertThat(registry.get("ivr_node_duration").timers()).allSatisfy(t ->
        assertThat(t.getId().getTags()).noneMatch(tag -> tag.getValue().contains(CallHarness.CALL_ID)));
  }

  private List<HistoryEvent> runCall(String callId, Flow flow) {
    CallInput input = new CallInput(callId, "tenant", "incoming", "https://bot.example/callbacks/calling", flow, Map.of(),
        CallHarness.prompts(), Map.of(), CallTimeouts.defaults());
    WorkflowStub call = harness.start(input);
    call.getResult(CallResult.class);
    assertThat(call.describe().getTypedSearchAttributes().get(CallSearchAttributes.CURRENT_NODE)).isEqualTo("end");
    return history(call);
  }

  /**
   * A workflow task's commands, upserts among them, are recorded after its WORKFLOW_TASK_COMPLETED
   * event: the upserts between two such events are those of one workflow task.
   */
  private static void assertAtMostOneUpsertPerWorkflowTaskButTwoInTheFirst(List<HistoryEvent> history) {
    List<Integer> perTask = new ArrayList<>();
    for (HistoryEvent event : history) {
      if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
        perTask.add(0);
      } else if (event.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES) {
        assertThat(perTask).as("an upsert before any workflow task completed").isNotEmpty();
        perTask.set(perTask.size() - 1, perTask.get(perTask.size() - 1) + 1);
      }
    }
    assertThat(perTask).as("upserts of each workflow task").isNotEmpty();
    assertThat(perTask.get(0)).as("upserts of the first workflow task").isBetween(1, 2);
    assertThat(perTask.subList(1, perTask.size())).as("upserts of each later workflow task")
        .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1));
  }

  /** Each CurrentNode value upserted, in order. */
  private static List<String> upsertedNodes(List<HistoryEvent> history) {
    return history.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
        .map(e -> e.getUpsertWorkflowSearchAttributesEventAttributes().getSearchAttributes().getIndexedFieldsMap()
            .get(CallSearchAttributes.CURRENT_NODE.getName()))
        .filter(Objects::nonNull)
        .map(p -> DefaultDataConverter.STANDARD_INSTANCE.fromPayload(p, String.class, String.class))
        .toList();
  }

  private List<HistoryEvent> history(WorkflowStub call) {
    return harness.env.getWorkflowClient().fetchHistory(call.getExecution().getWorkflowId()).getEvents();
  }
}
