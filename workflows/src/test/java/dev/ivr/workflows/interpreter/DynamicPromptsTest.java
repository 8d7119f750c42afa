package dev.ivr.workflows.interpreter;

import static dev.ivr.workflows.call.CallHarness.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.call.CallHarness;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
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

/** A play node's prompt list chosen by CEL when it runs, among the keys the expression lists. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DynamicPromptsTest {
  private static final String CHOICE = "vip ? ['open', 'greeting'] : (late ? ['closed'] : ['goodbye'])";
  private CallHarness harness;

  @AfterEach
  void stop() {
    harness.close();
  }

  @ParameterizedTest
  @CsvSource({"true, false, open+greeting", "false, true, closed", "false, false, goodbye"})
  void theExpressionChoosesThePrompts(boolean vip, boolean late, String played) {
    harness = new CallHarness(true);

    CallResult result = harness.run(flow(CHOICE, Map.of("vip", vip, "late", late)));

    assertThat(harness.played()).containsExactly(played);
    assertThat(outcomes(result)).contains("say=completed");
  }

  @Test
  void aKeyTheExpressionDoesNotList_failsTheNode_toOnError() {
    harness = new CallHarness(true);

    CallResult result = harness.run(flow("[key]", Map.of("key", "greeting", "vip", false, "late", false)));

    assertThat(outcomes(result)).contains("say=error");
    assertThat(harness.played()).containsExactly("sorry");
  }

  private static Flow flow(String expression, Map<String, Object> variables) {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("say", new PlayNode(null, false, "end", "sorry", expression));
    nodes.put("sorry", new PlayNode(List.of("sorry"), "end"));
    nodes.put("end", new HangupNode());
    return new Flow("dynamic", "v1", null, null, null, variables, null, "say", null, nodes);
  }
}
