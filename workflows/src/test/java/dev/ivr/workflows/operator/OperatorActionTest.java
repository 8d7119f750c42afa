package dev.ivr.workflows.operator;

import static dev.ivr.workflows.call.CallHarness.outcomes;
import static dev.ivr.workflows.operator.OperatorCalls.awaitSnapshot;
import static dev.ivr.workflows.operator.OperatorCalls.menuFlow;
import static dev.ivr.workflows.operator.OperatorCalls.signal;
import static dev.ivr.workflows.operator.OperatorCalls.snapshot;
import static dev.ivr.workflows.operator.OperatorCalls.startAtMenu;
import static dev.ivr.workflows.operator.OperatorCalls.typedAudit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.call.CallHarness;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.FakeGraph;
import dev.ivr.workflows.call.StepTaken;
import dev.ivr.workflows.event.CallStateChanged;
import dev.ivr.workflows.event.OperationCompleted;
import dev.ivr.workflows.event.ResultInfo;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.Nodes;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.RecordSettings;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Operator actions on a live call, in real time (the fake Graph answers like Graph, the signals come
 * while the call waits): hang-up, transfer and announce, at a menu and during a recording; invalid
 * actions are rejected in the audit and change nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OperatorActionTest {
  private static final String NOW = "2026-11-24T10:00:00Z";

  private CallHarness harness;

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void hangupMidMenu_endsTheCallPromptlyAsOperatorHungUp() {
    harness = new CallHarness(false);
    WorkflowStub call = startAtMenu(harness);

    signal(call, OperatorAction.hangup("alice", NOW, "abusive caller"));
    CallResult result = call.getResult(CallResult.class);

    assertThat(result.outcome()).isEqualTo(CallOutcome.OPERATOR_HUNG_UP);
    assertThat(result.path()).extracting(StepTaken::nodeId, StepTaken::type, StepTaken::outcome)
        .contains(org.assertj.core.groups.Tuple.tuple("menu", "operator", "hangup by alice"));
    assertThat(harness.graph.requests).endsWith("hangUp").doesNotContain("cancelMediaProcessing");
    assertThat(typedAudit(call)).singleElement().satisfies(entry -> {
      assertThat(entry.result()).isEqualTo("done");
      assertThat(entry.atNode()).isEqualTo("menu");
      assertThat(entry.action().operator()).isEqualTo("alice");
      assertThat(entry.receivedAtMillis()).isPositive();
    });
  }

  @Test
  void hangupMidRecord_waitsForTheRecordingDownloadsItThenHangsUp() {
    harness = new CallHarness(false);
    harness.graph.recordDelivery = FakeGraph.Delivery.NEVER;
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("message", Nodes.record().prompt("greeting").settings(RecordSettings.defaults()).variable("message")
        .next("thanks").build());
    nodes.put("thanks", new PlayNode(List.of("thanks"), "end"));
    nodes.put("end", new HangupNode());
    WorkflowStub call = harness.start(CallHarness.input(CallHarness.flow("message", nodes), Map.of(), Map.of()));
    awaitSnapshot(call, s -> "message".equals(s.currentNode()) && !harness.graph.recordRequests.isEmpty());

    signal(call, OperatorAction.hangup("alice", NOW, null));
    awaitSnapshot(call, s -> s.audit().size() == 1);
    assertThat(snapshot(call).outcome()).as("the recording is still running").isNull();
    assertThat(snapshot(call).audit().get(0).result()).isEqualTo("pending");
    String context = harness.graph.recordRequests.get(0).clientContext();
    harness.graph.signal(CallHarness.CALL_ID, new OperationCompleted("op-rec", "recordOperation", context, "completed",
        new ResultInfo(200, 8509, "max silence"), "maxSilenceTimeout", "https://graph.example/recordings/rec",
        "recording-token"));
    CallResult result = call.getResult(CallResult.class);

    assertThat(result.outcome()).isEqualTo(CallOutcome.OPERATOR_HUNG_UP);
    assertThat(result.recordings()).singleElement().satisfies(r -> assertThat(r.nodeId()).isEqualTo("message"));
    assertThat(outcomes(result)).containsSubsequence("message=recorded:maxSilenceTimeout", "thanks=hangup by alice");
    assertThat(harness.graph.requests).containsSubsequence("recordResponse", "download", "hangUp");
    assertThat(harness.played()).doesNotContain("thanks");
    assertThat(typedAudit(call)).singleElement().satisfies(e -> assertThat(e.result()).isEqualTo("done"));
  }

  @Test
  void announceWhileWaitingForDigits_playsThenAsksAgainFromTheStart() {
    harness = new CallHarness(false);
    harness.graph.keysDuringPrompt.put(3, "42#");
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("account", Nodes.collectDigits("enter", "account").minDigits(2).maxDigits(6).terminator("#")
        .firstDigitTimeoutSeconds(30).interDigitTimeoutSeconds(3).maxAttempts(3).bargeIn(true)
        .next("end").onNoInput("end").onNoMatch("end").build());
    nodes.put("end", new HangupNode());
    WorkflowStub call = harness.start(CallHarness.input(CallHarness.flow("account", nodes), Map.of(), Map.of()));
    awaitSnapshot(call, s -> "account".equals(s.currentNode()) && harness.graph.requests.contains("playPrompt"));
    awaitSnapshot(call, s -> waitsForKeys(call));

    signal(call, OperatorAction.announce("carol", NOW, null, "hold"));
    CallResult result = call.getResult(CallResult.class);

    assertThat(harness.played()).containsExactly("enter", "hold", "enter");
    // no prompt played when the announcement came: nothing to cancel (the one cancel is the caller's barge-in)
    assertThat(harness.graph.requests).containsExactly("answer", "subscribeToTone", "playPrompt", "playPrompt",
        "playPrompt", "cancelMediaProcessing", "hangUp");
    assertThat(outcomes(result)).containsSubsequence("account=announce by carol: completed", "account=collected");
    assertThat(result.variables()).containsEntry("account", "42");
  }

  @Test
  void hangupDuringASlowHttpNode_doesNotWaitForTheExternalSystem() {
    harness = new CallHarness(false);
    harness.http.hold = new java.util.concurrent.CountDownLatch(1);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("lookup", Nodes.http("GET", "'https://crm.example/accounts'").timeoutSeconds(20).next("thanks").build());
    nodes.put("thanks", new PlayNode(List.of("thanks"), "end"));
    nodes.put("end", new HangupNode());
    try {
      WorkflowStub call = harness.start(CallHarness.input(CallHarness.flow("lookup", nodes), Map.of(), Map.of()));
      awaitSnapshot(call, s -> "lookup".equals(s.currentNode()) && !harness.http.requests.isEmpty());

      signal(call, OperatorAction.hangup("alice", NOW, null));
      CallResult result = call.getResult(CallResult.class);

      assertThat(result.outcome()).isEqualTo(CallOutcome.OPERATOR_HUNG_UP);
      assertThat(outcomes(result)).containsExactly("answer=established", "lookup=hangup by alice");
      assertThat(harness.graph.requests).endsWith("hangUp").doesNotContain("playPrompt");
    } finally {
      harness.http.hold.countDown();
    }
  }

  @Test
  void transferMidMenu_cancelsThePromptAndTransfers() {
    harness = new CallHarness(false);
    WorkflowStub call = startAtMenu(harness);

    signal(call, OperatorAction.transfer("bob", NOW, "billing question", "+15550199", OperatorAction.PHONE));
    CallResult result = call.getResult(CallResult.class);

    assertThat(result.outcome()).isEqualTo(CallOutcome.TRANSFERRED);
    assertThat(harness.graph.requests).containsSubsequence("playPrompt", "cancelMediaProcessing", "transfer")
        .doesNotContain("hangUp");
    assertThat(harness.graph.transfers.get(0).phone()).isEqualTo("+15550199");
    assertThat(outcomes(result)).contains("menu=transfer by bob: transferred");
    assertThat(result.path()).noneMatch(step -> step.outcome().contains("+1555"));
    AuditEntry entry = typedAudit(call).get(0);
    assertThat(entry.result()).isEqualTo("done");
    assertThat(entry.action().target()).isEqualTo("[redacted]");
  }

  @Test
  void transferFailure_resumesTheInterruptedMenuFromItsStart() {
    harness = new CallHarness(false);
    harness.graph.promptsUntilCancelled.add(1);
    harness.graph.transferSucceeds = false;
    harness.graph.keysDuringPrompt.put(2, "1");
    WorkflowStub call = harness.start(CallHarness.input(menuFlow(), Map.of(), Map.of()));
    awaitSnapshot(call, s -> "menu".equals(s.currentNode()) && harness.graph.requests.contains("playPrompt"));

    signal(call, OperatorAction.transfer("bob", NOW, null, "0b7e3b4c-1f2a-4c3d-9e8f-0a1b2c3d4e5f", OperatorAction.USER));
    CallResult result = call.getResult(CallResult.class);

    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(outcomes(result)).containsSubsequence("menu=transfer by bob: failed:500/7700", "menu=choice:1",
        "end=hangUp");
    assertThat(harness.played()).containsExactly("greeting", "greeting");
    assertThat(harness.graph.transfers.get(0).user()).isEqualTo("0b7e3b4c-1f2a-4c3d-9e8f-0a1b2c3d4e5f");
    assertThat(typedAudit(call).get(0).result()).isEqualTo("failed: 500/7700");
  }

  @Test
  void announceMidMenu_playsTheAnnouncementThenRerunsTheMenu() {
    harness = new CallHarness(false);
    harness.graph.promptsUntilCancelled.add(1);
    harness.graph.keysDuringPrompt.put(3, "1");
    WorkflowStub call = harness.start(CallHarness.input(menuFlow(), Map.of(), Map.of()));
    awaitSnapshot(call, s -> "menu".equals(s.currentNode()) && harness.graph.requests.contains("playPrompt"));

    signal(call, OperatorAction.announce("carol", NOW, null, "hold"));
    CallResult result = call.getResult(CallResult.class);

    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(harness.played()).containsExactly("greeting", "hold", "greeting");
    assertThat(harness.graph.requests).containsSubsequence("playPrompt", "cancelMediaProcessing", "playPrompt");
    assertThat(outcomes(result)).containsSubsequence("menu=announce by carol: completed", "menu=choice:1");
    assertThat(typedAudit(call).get(0).result()).isEqualTo("done");
  }

  @Test
  void invalidActions_areRejectedWithTheReasonAndChangeNothing() {
    harness = new CallHarness(false);
    WorkflowStub call = startAtMenu(harness);

    signal(call, new OperatorAction("mute", "eve", NOW, null, null, null, null));
    signal(call, OperatorAction.transfer("eve", NOW, null, "555-0199", OperatorAction.PHONE));
    signal(call, OperatorAction.transfer("eve", NOW, null, "not-a-guid", OperatorAction.USER));
    signal(call, OperatorAction.transfer("eve", NOW, null, "+15550199", "sip"));
    signal(call, OperatorAction.announce("eve", NOW, null, "no-such-prompt"));
    signal(call, OperatorAction.announce("eve", NOW, null, null));
    signal(call, null);
    awaitSnapshot(call, s -> s.audit().size() == 7);
    signal(call, OperatorAction.hangup("eve", NOW, "done testing"));
    CallResult result = call.getResult(CallResult.class);

    assertThat(typedAudit(call)).extracting(AuditEntry::result).containsExactly(
        "rejected: unknown action type 'mute' (hangup, transfer or announce)",
        "rejected: a phone transfer target must be an E.164 number (+ and 7 to 15 digits)",
        "rejected: a user transfer target must be an Entra user id (a GUID)",
        "rejected: targetKind must be phone or user",
        "rejected: prompt 'no-such-prompt' is not in the call's prompt catalog",
        "rejected: an announcement needs a promptKey",
        "rejected: the action has no type (hangup, transfer or announce)",
        "done");
    assertThat(harness.graph.requests).doesNotContain("transfer", "cancelMediaProcessing");
    assertThat(harness.played()).containsExactly("greeting");
    assertThat(result.path()).filteredOn(s -> s.type().equals("operator")).hasSize(1);
  }

  @Test
  void actionAfterTheCallEnded_isRejected() {
    harness = new CallHarness(false);
    harness.graph.silentHangUp = true;
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("bye", new PlayNode(List.of("goodbye"), "end"));
    nodes.put("end", new HangupNode());
    WorkflowStub call = harness.start(CallHarness.input(CallHarness.flow("bye", nodes), Map.of(), Map.of()));
    awaitSnapshot(call, s -> "COMPLETED".equals(s.outcome()) && harness.graph.requests.contains("hangUp"));

    signal(call, OperatorAction.announce("alice", NOW, null, "hold"));
    awaitSnapshot(call, s -> s.audit().size() == 1);
    harness.graph.signal(CallHarness.CALL_ID, new CallStateChanged("terminated", new ResultInfo(200, 7000, "bye"), null));
    CallResult result = call.getResult(CallResult.class);

    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(typedAudit(call)).singleElement()
        .satisfies(e -> assertThat(e.result()).isEqualTo("rejected: the call has ended"));
    assertThat(harness.played()).containsExactly("goodbye");
  }

  /** The prompt's completion came, and a timer started after it: the first-digit timeout. */
  private boolean waitsForKeys(WorkflowStub call) {
    List<HistoryEvent> events =
        harness.env.getWorkflowClient().fetchHistory(call.getExecution().getWorkflowId()).getEvents();
    boolean completed = false;
    for (HistoryEvent event : events) {
      if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED && event
          .getWorkflowExecutionSignaledEventAttributes().getInput().toString().contains("playPromptOperation")) {
        completed = true;
      } else if (completed && event.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED) {
        return true;
      }
    }
    return false;
  }
}
