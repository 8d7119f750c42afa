package dev.ivr.workflows.interpreter;

import static dev.ivr.workflows.call.CallHarness.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.call.CallHarness;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.CallSnapshot;
import dev.ivr.workflows.call.CallWorkflow;
import dev.ivr.workflows.call.SecureInputs;
import dev.ivr.workflows.event.GraphEventSignal;
import dev.ivr.workflows.event.ToneReceived;
import dev.ivr.workflows.external.OutboundHttpRequest;
import dev.ivr.workflows.external.OutboundHttpResponse;
import dev.ivr.workflows.flow.BranchNode;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.Nodes;
import dev.ivr.workflows.flow.PlayNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code secure: true}: the PIN a caller types is read by CEL and sent by an http node, and is never in
 * the result, the queries or the path; the request that carries it is restricted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecureDigitsTest {
  static final String PIN = "4321";
  private CallHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private static Flow pinFlow(boolean secureNode, List<String> secureList) {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("pin", Nodes.collectDigits("enter", "pin").minDigits(4).maxDigits(4).terminator("#")
        .next("check").onError("end").secure(secureNode).build());
    nodes.put("check", new BranchNode(List.of(new BranchNode.Condition("size(pin) == 4 && pin.startsWith('43')",
        "verify")), "end", null));
    nodes.put("verify", Nodes.http("post", "'https://bank.example/pins'").body("{'pin': pin, 'account': account}")
        .timeoutSeconds(2).responseMapping(Map.of("verified", "response.status == 200")).next("thanks")
        .onError("end").build());
    nodes.put("thanks", new PlayNode(List.of("thanks"), "end"));
    nodes.put("end", new HangupNode());
    return new Flow("pin", "v1", null, null, null, Map.of("pin", "", "account", "A-7", "verified", false), null,
        secureList, "pin", null, nodes);
  }

  @Test
  void aSecureCollectDigits_isReadByCelAndSentByHttp_butNeverShown() {
    harness = new CallHarness(true);
    harness.graph.keysDuringPrompt.put(1, PIN + "#");
    harness.http.response = new OutboundHttpResponse(200, Map.of(), "{}", Map.of());

    CallResult result = harness.run(pinFlow(true, null));

    // CEL read it (the branch went to verify) and the http node sent it
    assertThat(outcomes(result)).containsSubsequence("pin=collected", "check=when:0", "verify=status:200");
    OutboundHttpRequest sent = harness.http.requests.get(0);
    assertThat(sent.jsonBody()).contains(PIN);
    assertThat(sent.secure()).isTrue();
    assertThat(SecureInputs.restricted(sent)).isTrue();
    assertThat(sent.toString()).doesNotContain(PIN);
    // never shown: result variables, path
    assertThat(result.variables()).containsEntry("pin", "***").containsEntry("verified", true);
    assertThat(result.toString()).doesNotContain(PIN);
    // and the queries of the finished call
    CallWorkflow call = harness.env.getWorkflowClient().newWorkflowStub(CallWorkflow.class,
        dev.ivr.workflows.call.CallIds.workflowId(CallHarness.CALL_ID));
    CallSnapshot snapshot = call.snapshot();
    assertThat(snapshot.toString()).doesNotContain(PIN);
    assertThat(call.variables().toString()).doesNotContain(PIN);
  }

  @Test
  void theFlowsSecureList_worksForAnyVariable() {
    harness = new CallHarness(true);
    harness.graph.keysDuringPrompt.put(1, PIN + "#");
    harness.http.response = new OutboundHttpResponse(200, Map.of(), "{}", Map.of());

    CallResult result = harness.run(pinFlow(false, List.of("pin")));

    assertThat(result.variables()).containsEntry("pin", "***");
    assertThat(harness.http.requests.get(0).secure()).isTrue();
  }

  @Test
  void withoutSecure_nothingChanges() {
    harness = new CallHarness(true);
    harness.graph.keysDuringPrompt.put(1, PIN + "#");
    harness.http.response = new OutboundHttpResponse(200, Map.of(), "{}", Map.of());

    CallResult result = harness.run(pinFlow(false, null));

    assertThat(result.variables()).containsEntry("pin", PIN);
    assertThat(harness.http.requests.get(0).secure()).isFalse();
  }

  @Test
  void everyDtmfKeySignal_isRestricted() {
    assertThat(SecureInputs.restricted(new GraphEventSignal("m", 1, new ToneReceived(1, "tone4")))).isTrue();
    assertThat(SecureInputs.restricted("4321")).isFalse();
  }

  @Test
  void recordingTokens_areRestricted_otherGraphEventsAreNot() {
    var recorded = new dev.ivr.workflows.event.OperationCompleted("op", "recordOperation", "call-x:2", "completed", null,
        "maxSilenceTimeout", "https://graph.example/recording", "token-1");
    assertThat(SecureInputs.restricted(new GraphEventSignal("m", 1, recorded))).isTrue();
    assertThat(SecureInputs.restricted(new dev.ivr.workflows.graph.DownloadRecording("r", "record", "op",
        "completed", "https://graph.example/recording", "token-1"))).isTrue();
    var played = new dev.ivr.workflows.event.OperationCompleted("op", "playPromptOperation", "call-x:1", "completed", null,
        null, null, null);
    assertThat(SecureInputs.restricted(new GraphEventSignal("m", 1, played))).isFalse();
  }
}
