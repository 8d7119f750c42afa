package dev.ivr.workflows.interpreter;

import static dev.ivr.workflows.call.CallHarness.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.call.CallHarness;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.Nodes;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.RecordSettings;
import dev.ivr.workflows.flow.SetNode;
import dev.ivr.workflows.flow.TransferNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Record outcomes, transfer, hang-up handling, outbound calls, locales and redaction. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallControlFlowTest {
  private CallHarness harness;

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void record_routesByReasonAndPutsMetadataInVariables() {
    harness = new CallHarness(true);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("record", Nodes.record().prompt("greeting").settings(RecordSettings.defaults()).variable("message")
        .outcomes(Map.of("maxSilenceTimeout", "thanks")).next("bye").build());
    nodes.put("thanks", new PlayNode(List.of("thanks"), "end"));
    nodes.put("bye", new PlayNode(List.of("goodbye"), "end"));
    nodes.put("end", new HangupNode());

    CallResult result = harness.run(CallHarness.flow("record", nodes));

    assertThat(outcomes(result)).containsSubsequence("record=recorded:maxSilenceTimeout", "thanks=completed");
    assertThat(result.variables().get("message")).isEqualTo(Map.of(
        "location", "recordings/call-7d6e1f0011114bc9a43eb226498ec22a/1.wav", "sizeBytes", 96_044,
        "durationMillis", 3_000, "sha256", "sha-of-op-2", "reason", "maxSilenceTimeout"));
    assertThat(harness.graph.recordRequests.get(0).prompt().uri()).endsWith("/greeting.wav");
  }

  @Test
  void transfer_successEndsTheCallTransferredWithoutHangingUp() {
    harness = new CallHarness(true);

    CallResult result = harness.run(transferFlow());

    assertThat(result.outcome()).isEqualTo(CallOutcome.TRANSFERRED);
    assertThat(outcomes(result)).contains("agent=transferred");
    assertThat(harness.graph.transfers.get(0).phone()).isEqualTo("+15550123");
    assertThat(harness.graph.requests).doesNotContain("hangUp");
    assertThat(result.endReason().subcode()).isEqualTo(7015);
  }

  @Test
  void transfer_failureReturnsToEstablishedAndTakesOnFailure() {
    harness = new CallHarness(true);
    harness.graph.transferSucceeds = false;

    CallResult result = harness.run(transferFlow());

    assertThat(outcomes(result)).containsSubsequence("agent=failed:500/7700", "busy=completed", "end=hangUp");
    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
  }

  @Test
  void callerHangUp_runsTheOnHangupChainUntilAMediaNode() {
    harness = new CallHarness(true);
    harness.graph.hangUpDuringPrompt = 1;
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("menu", Nodes.menu("greeting").choice("1", "end").timeoutSeconds(5).maxFailures(3).maxTimeouts(3)
        .bargeIn(true).build());
    nodes.put("end", new HangupNode());
    nodes.put("cleanup", new SetNode(Map.of("hungUp", "true"), "notify", null));
    nodes.put("notify", Nodes.http("POST", "'https://crm.example/hangups'").body("{'hungUp': hungUp}")
        .timeoutSeconds(2).next("goodbye").build());
    nodes.put("goodbye", new PlayNode(List.of("goodbye"), "end"));
    Flow flow = new Flow("hangups", "v1", null, null, null, Map.of("hungUp", false), null, "menu", "cleanup", nodes);

    CallResult result = harness.run(flow);

    assertThat(result.outcome()).isEqualTo(CallOutcome.CALLER_HUNG_UP);
    assertThat(outcomes(result)).containsSubsequence("menu=hungUp", "cleanup=set", "notify=status:200")
        .doesNotContain("goodbye=completed");
    assertThat(result.variables()).containsEntry("hungUp", true);
    assertThat(harness.http.requests).hasSize(1);
    assertThat(harness.graph.requests).containsOnlyOnce("playPrompt").doesNotContain("hangUp");
  }

  @Test
  void outboundCall_isPlacedWithCreateCallAndUsesGraphsCallId() {
    harness = new CallHarness(true);
    CallInput input = CallHarness.outboundGreeting();

    CallResult result = harness.run(input);

    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(harness.graph.requests).startsWith("createCall", "subscribeToTone", "playPrompt").doesNotContain("answer");
    var created = harness.graph.created.get(0);
    assertThat(created.targetPhone()).isEqualTo("+15550199");
    assertThat(created.sourceApplicationInstance()).isEqualTo("app-instance-1");
    assertThat(created.callbackUri()).isEqualTo("https://bot.example/callbacks/calling");
    assertThat(harness.graph.callIdsUsed).isNotEmpty().allMatch(id -> id.startsWith("out-"));
    assertThat(outcomes(result)).startsWith("createCall=established");
  }

  @Test
  void prompts_followTheCallersLocaleThenTheFallbackChain() {
    harness = new CallHarness(true);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("hello", new PlayNode(List.of("greeting", "menu", "goodbye"), "end"));
    nodes.put("end", new HangupNode());
    Flow flow = new Flow("locales", "v1", null, List.of("en-US"), "language", Map.of("language", "en-US"), null,
        "hello", null, nodes);

    harness.run(CallHarness.input(flow, Map.of("language", "fr-CA"), Map.of()));

    // fr-CA → fr has the greeting; only en-US (the flow's locale) has the menu; goodbye is unlocalised
    assertThat(harness.played()).containsExactly("fr/greeting+en-US/menu+goodbye");
  }

  @Test
  void result_redactsTheVariablesTheFlowDeclares() {
    harness = new CallHarness(true);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("set", new SetNode(Map.of("pin", "'1234'"), "end", null));
    nodes.put("end", new HangupNode());
    Flow flow = new Flow("redact", "v1", null, null, null, Map.of("pin", "", "name", "Ada"), List.of("pin"), "set",
        null, nodes);

    CallResult result = harness.run(flow);

    assertThat(result.variables()).containsEntry("pin", "***").containsEntry("name", "Ada");
  }

  private static Flow transferFlow() {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("agent", new TransferNode(null, null, null, "'+1555' + extension", "busy", null));
    nodes.put("busy", new PlayNode(List.of("sorry"), "end"));
    nodes.put("end", new HangupNode());
    return new Flow("transfer", "v1", null, null, null, Map.of("extension", "0123"), null, "agent", null, nodes);
  }
}
