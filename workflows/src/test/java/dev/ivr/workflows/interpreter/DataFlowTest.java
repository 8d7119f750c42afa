package dev.ivr.workflows.interpreter;

import static dev.ivr.workflows.call.CallHarness.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.call.CallHarness;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.external.OutboundHttpResponse;
import dev.ivr.workflows.flow.BranchNode;
import dev.ivr.workflows.flow.BusinessHoursNode;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.HttpNode;
import dev.ivr.workflows.flow.Nodes;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Nodes without media: set, branch, http, businessHours and subflow. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DataFlowTest {
  private CallHarness harness;

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void setThenBranch_evaluateCelOverTheFlowVariables() {
    harness = new CallHarness(true);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("count", new SetNode(ordered("attempts", "attempts + 1", "label", "'caller ' + name + ' #' + string(attempts)"),
        "decide", null));
    nodes.put("decide", new BranchNode(List.of(new BranchNode.Condition("attempts > 5", "closed"),
        new BranchNode.Condition("attempts == 2 && name.startsWith('A')", "open")), "closed", null));
    nodes.put("open", new PlayNode(List.of("open"), "end"));
    nodes.put("closed", new PlayNode(List.of("closed"), "end"));
    nodes.put("end", new HangupNode());
    Flow flow = new Flow("data", "v1", null, null, null, Map.of("attempts", 1, "name", "Ada"), null, "count", null, nodes);

    CallResult result = harness.run(flow);

    assertThat(result.variables()).containsEntry("attempts", 2).containsEntry("label", "caller Ada #2");
    assertThat(outcomes(result)).containsSubsequence("count=set", "decide=when:1", "open=completed");
  }

  @Test
  void expressionFailure_takesTheNodesOnError() {
    harness = new CallHarness(true);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("decide", new BranchNode(List.of(new BranchNode.Condition("undeclared > 1", "open")), "open", "oops"));
    nodes.put("open", new PlayNode(List.of("open"), "end"));
    nodes.put("oops", new PlayNode(List.of("sorry"), "end"));
    nodes.put("end", new HangupNode());

    CallResult result = harness.run(CallHarness.flow("decide", nodes));

    assertThat(outcomes(result)).containsSubsequence("decide=error", "oops=completed", "end=hangUp");
    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
  }

  @Test
  void errorWithoutOnError_endsTheCallFailedAfterAHangUp() {
    harness = new CallHarness(true);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("play", new PlayNode(List.of("no-such-prompt"), "end"));
    nodes.put("end", new HangupNode());

    CallResult result = harness.run(CallHarness.flow("play", nodes));

    assertThat(result.outcome()).isEqualTo(CallOutcome.FAILED);
    assertThat(harness.graph.requests).doesNotContain("playPrompt").endsWith("hangUp");
  }

  @Test
  void http_sendsTheRequestAndMapsTheResponseIntoVariables() {
    harness = new CallHarness(true);
    harness.http.response = new OutboundHttpResponse(200, Map.of("x-request-id", "r-1"), "{...}",
        Map.of("name", "Ada", "balance", 12.5, "open", true));

    CallResult result = harness.run(httpFlow(HttpNode.Retry.defaults()));

    var sent = harness.http.requests.get(0);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.url()).isEqualTo("https://crm.example/accounts/4711");
    assertThat(sent.headers()).containsEntry("x-caller", "4711");
    assertThat(sent.jsonBody()).isEqualTo("{\"account\":\"4711\",\"digits\":4}");
    assertThat(sent.timeoutMillis()).isEqualTo(2000);
    assertThat(result.variables()).containsEntry("customer", "Ada").containsEntry("balance", 12.5)
        .containsEntry("status", 200).containsEntry("requestId", "r-1");
    assertThat(outcomes(result)).containsSubsequence("lookup=status:200", "found=completed");
  }

  @Test
  void http_clientErrorIsNotRetriedAndTakesOnError() {
    harness = new CallHarness(true);
    harness.http.failWithStatus = 404;

    CallResult result = harness.run(httpFlow(new HttpNode.Retry(3, 100, 2.0)));

    assertThat(harness.http.attempts).hasValue(1);
    assertThat(outcomes(result)).containsSubsequence("lookup=error", "oops=completed");
    assertThat(result.variables()).doesNotContainKey("customer");
  }

  @Test
  void http_serverErrorIsRetriedUpToMaxAttemptsThenTakesOnError() {
    harness = new CallHarness(true);
    harness.http.failWithStatus = 503;

    CallResult result = harness.run(httpFlow(new HttpNode.Retry(2, 100, 2.0)));

    assertThat(harness.http.attempts).hasValue(2);
    assertThat(outcomes(result)).containsSubsequence("lookup=error", "oops=completed");
  }

  @ParameterizedTest(name = "{0} in Paris is {1}")
  @CsvSource({
      "2026-11-25T10:00:00+01:00, open",     // a Wednesday within 09:00-17:00
      "2026-11-25T17:00:00+01:00, closed",   // the end is exclusive
      "2026-11-28T10:00:00+01:00, closed",   // Saturday: no ranges
      "2026-12-25T10:00:00+01:00, closed",   // a holiday
      "2026-12-24T11:00:00+01:00, open",     // an override: 09:00-12:00 that day
      "2026-12-24T13:00:00+01:00, closed",   // …and closed after it
      "2026-12-31T10:00:00+01:00, open",     // an override wins over a holiday
      "2026-11-25T08:30:00Z, open"           // 09:30 in Paris: the zone, not UTC, decides
  })
  void businessHours_decidesWithWorkflowTimeInTheFlowsZone(String at, String expected) {
    harness = new CallHarness(true, java.time.OffsetDateTime.parse(at).toInstant());
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("hours", new BusinessHoursNode("Europe/Paris",
        Map.of("mon", List.of("09:00-17:00"), "tue", List.of("09:00-17:00"), "wed", List.of("09:00-12:00", "12:00-17:00"),
            "thu", List.of("09:00-17:00"), "fri", List.of("09:00-17:00")),
        List.of("2026-12-25", "2026-12-31"),
        Map.of("2026-12-24", List.of("09:00-12:00"), "2026-12-31", List.of("09:00-12:00")),
        "open", "closed", null));
    nodes.put("open", new PlayNode(List.of("open"), "end"));
    nodes.put("closed", new PlayNode(List.of("closed"), "end"));
    nodes.put("end", new HangupNode());

    CallResult result = harness.run(CallHarness.flow("hours", nodes));

    assertThat(outcomes(result)).contains("hours=" + expected);
    assertThat(harness.played()).containsExactly(expected);
  }

  @Test
  void subflow_runsInItsOwnScopeWithParametersAndReturns() {
    harness = new CallHarness(true);
    Map<String, FlowNode> child = new LinkedHashMap<>();
    child.put("double", new SetNode(ordered("result", "n * 2", "secret", "'child only'"), "say", null));
    child.put("say", new PlayNode(List.of("thanks"), Flow.RETURN));
    Flow lookup = new Flow("lookup", "v7", null, null, null, Map.of("result", 0, "secret", ""), null, "double", null, child);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("call", new SubflowNode("lookup", Map.of("n", "account + 1"), Map.of("doubled", "result"), "bye", null));
    nodes.put("bye", new PlayNode(List.of("goodbye"), "end"));
    nodes.put("end", new HangupNode());
    Flow main = new Flow("main", "v1", null, null, null, Map.of("account", 20, "doubled", 0), null, "call", null, nodes);

    CallResult result = harness.run(CallHarness.input(main, Map.of(), Map.of("lookup", lookup)));

    assertThat(result.variables()).containsEntry("doubled", 42).doesNotContainKeys("n", "result", "secret");
    assertThat(outcomes(result)).containsSubsequence(
        "call=enter:lookup", "lookup/double=set", "lookup/say=completed", "call=returned", "bye=completed");
    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
  }

  private static Flow httpFlow(HttpNode.Retry retry) {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("lookup", Nodes.http("post", "'https://crm.example/accounts/' + account")
        .headers(Map.of("x-caller", "account")).body("{'account': account, 'digits': size(account)}")
        .timeoutSeconds(2).retry(retry)
        .responseMapping(ordered("customer", "response.body.name", "balance", "response.body.balance", "status",
            "response.status", "requestId", "response.headers['x-request-id']"))
        .next("found").onError("oops").build());
    nodes.put("found", new PlayNode(List.of("thanks"), "end"));
    nodes.put("oops", new PlayNode(List.of("sorry"), "end"));
    nodes.put("end", new HangupNode());
    return new Flow("http", "v1", null, null, null, Map.of("account", "4711"), null, "lookup", null, nodes);
  }

  private static Map<String, String> ordered(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
