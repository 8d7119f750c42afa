package dev.ivr.workflows.interpreter;

import static dev.ivr.workflows.call.CallHarness.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.call.CallHarness;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.external.OutboundHttpResponse;
import dev.ivr.workflows.flow.BranchNode;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.HttpAuth;
import dev.ivr.workflows.flow.Nodes;
import dev.ivr.workflows.flow.PlayNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** http nodes route statuses and 2xx bodies, and name their credentials' secret, never its value. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpRoutesTest {
  private CallHarness harness;

  @AfterEach
  void stop() {
    harness.close();
  }

  @ParameterizedTest
  @CsvSource({
      "404, closed",        // the exact status
      "409, hold",          // 400-409 is narrower than 4xx
      "422, invalid",       // only 4xx
      "503, retry",         // 5xx: answered at once, not retried
      "302, sorry"})        // not routed, not 2xx: onError
  void statuses_goToTheNarrowestRoute_elseOnError(int status, String played) {
    harness = new CallHarness(true);
    harness.http.failWithStatus = status;

    CallResult result = harness.run(flow());

    assertThat(harness.played()).containsExactly(played);
    assertThat(harness.http.requests.get(0).answeredStatuses()).containsExactly("404", "400-409", "4xx", "5xx");
    assertThat(harness.http.attempts.get()).as("a routed status is not retried").isEqualTo(1);
    if (!played.equals("sorry")) {
      assertThat(outcomes(result)).contains("lookup=status:" + status);
    }
  }

  @Test
  void okBody_isMappedThenBranchedOn_firstTrueWins() {
    harness = new CallHarness(true);
    harness.http.response = new OutboundHttpResponse(200, Map.of(), "", Map.of("state", "closed", "balance", 12));

    CallResult result = harness.run(flow());

    assertThat(outcomes(result)).contains("lookup=status:200,when:1");
    assertThat(harness.played()).containsExactly("closed");
    assertThat(result.variables()).containsEntry("balance", 12);
  }

  @Test
  void okBody_thatNoBranchTakes_goesToNext_andTheRequestNamesOnlyTheSecret() {
    harness = new CallHarness(true);
    harness.http.response = new OutboundHttpResponse(200, Map.of(), "", Map.of("state", "open", "balance", 3));

    CallResult result = harness.run(flow());

    assertThat(outcomes(result)).contains("lookup=status:200");
    assertThat(harness.played()).containsExactly("open");
    assertThat(harness.http.requests.get(0).auth()).isEqualTo(new HttpAuth("crm-api", "bearer", null));
    assertThat(harness.http.requests.get(0).headers()).doesNotContainKey("Authorization");
  }

  private static Flow flow() {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    Map<String, String> onStatus = new LinkedHashMap<>();
    onStatus.put("404", "missing");
    onStatus.put("400-409", "conflict");
    onStatus.put("4xx", "client");
    onStatus.put("5xx", "down");
    nodes.put("lookup", Nodes.http("GET", "'https://crm.example/accounts/1'").timeoutSeconds(2)
        .responseMapping(Map.of("balance", "response.body.balance"))
        .onStatus(onStatus)
        .branches(List.of(new BranchNode.Condition("balance > 100", "conflict"),
            new BranchNode.Condition("response.body.state == 'closed'", "missing")))
        .auth(new HttpAuth("crm-api", null, null))
        .next("open").onError("sorry").build());
    nodes.put("open", new PlayNode(List.of("open"), "end"));
    nodes.put("missing", new PlayNode(List.of("closed"), "end"));
    nodes.put("conflict", new PlayNode(List.of("hold"), "end"));
    nodes.put("client", new PlayNode(List.of("invalid"), "end"));
    nodes.put("down", new PlayNode(List.of("retry"), "end"));
    nodes.put("sorry", new PlayNode(List.of("sorry"), "end"));
    nodes.put("end", new HangupNode());
    return new Flow("routes", "v1", null, null, null, Map.of("balance", 0), null, "lookup", null, nodes);
  }
}
