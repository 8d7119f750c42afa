package dev.ivr.workflows.interpreter;

import static dev.ivr.workflows.call.CallHarness.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.call.CallHarness;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.event.IncomingCall;
import dev.ivr.workflows.flow.BranchNode;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.SetNode;
import dev.ivr.workflows.flow.SubflowNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The flow sees who called whom as {@code caller} and {@code called}; operators never do. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallPartiesTest {
  private CallHarness harness;

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void incomingCall_routesByCallerPhone_inSubflowsToo_andNeverShowsIt() {
    harness = new CallHarness(true);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("route", new BranchNode(List.of(new BranchNode.Condition(
        "caller.phone == '+14255550100' && caller.userId == '' && called.applicationInstance == 'app-instance-1'", "vip")),
        "standard", null));
    nodes.put("vip", new SubflowNode("kind", Map.of(), Map.of("kinds", "kinds"), "end", null));
    nodes.put("standard", new PlayNode(List.of("sorry"), "end"));
    nodes.put("end", new HangupNode());
    Flow flow = new Flow("parties", "v1", null, null, null, Map.of("kinds", ""), null, "route", null, nodes);
    CallInput input = CallHarness.input(flow, Map.of(), Map.of("kind", kindSubflow()))
        .withIncomingCall(new IncomingCall("+14255550100", "phone", "app-instance-1", "applicationInstance", "tenant", "c"));

    CallResult result = harness.run(input);

    assertThat(outcomes(result)).containsSubsequence("route=when:0", "vip=enter:kind", "vip=returned");
    assertThat(result.variables()).containsEntry("kinds", "phone->applicationInstance")
        .containsEntry("caller", "***").containsEntry("called", "***");
    assertThat(result.toString()).doesNotContain("4255550100");
  }

  @Test
  void outboundCall_calledIsItsTarget_callerTheBotsInstance() {
    harness = new CallHarness(true);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("who", new SetNode(Map.of("who", "called.phone + ' from ' + caller.applicationInstance"), "end", null));
    nodes.put("end", new HangupNode());
    CallInput outbound = CallHarness.outboundGreeting();
    Flow flow = new Flow("out", "v1", null, null, null, Map.of("who", ""), null, "who", null, nodes);

    CallResult result = harness.run(outbound.withFlow(flow));

    assertThat(result.variables()).containsEntry("who", "+15550199 from app-instance-1");
  }

  @Test
  void callStartedWithoutParties_seesEmptyStrings() {
    harness = new CallHarness(true);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("who", new SetNode(Map.of("who", "caller.kind + ':' + caller.phone"), "end", null));
    nodes.put("end", new HangupNode());

    CallResult result = harness.run(new Flow("none", "v1", null, null, null, Map.of("who", ""), null, "who", null, nodes));

    assertThat(result.variables()).containsEntry("who", "unknown:");
  }

  private static Flow kindSubflow() {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("calc", new SetNode(Map.of("kinds", "caller.kind + '->' + called.kind"), Flow.RETURN, null));
    return new Flow("kind", "v1", null, null, null, Map.of("kinds", ""), null, "calc", null, nodes);
  }
}
