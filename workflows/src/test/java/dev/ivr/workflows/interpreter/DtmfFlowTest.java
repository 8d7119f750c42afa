package dev.ivr.workflows.interpreter;

import static dev.ivr.workflows.call.CallHarness.flow;
import static dev.ivr.workflows.call.CallHarness.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.call.CallHarness;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.CallTimeouts;
import dev.ivr.workflows.flow.CollectDigitsNode;
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

/** Menus and digit collection: keys, timeouts, escalation, barge-in and type-ahead. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DtmfFlowTest {
  private CallHarness harness;

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void menuChoice_storesTheKeyAndGoesToItsNode() {
    harness = new CallHarness(true);
    harness.graph.keysDuringPrompt.put(1, "2");

    CallResult result = harness.run(menuFlow(3, 3));

    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(outcomes(result)).containsSubsequence("menu=choice:2", "two=completed", "end=hangUp");
    assertThat(result.variables()).containsEntry("choice", "2");
    assertThat(harness.graph.requests).startsWith("answer", "subscribeToTone", "playPrompt");
  }

  @Test
  void bargeIn_keyDuringPromptCancelsItAndCounts() {
    harness = new CallHarness(true);
    harness.graph.promptsUntilCancelled.add(1);
    harness.graph.keysDuringPrompt.put(1, "1");

    CallResult result = harness.run(menuFlow(3, 3));

    assertThat(harness.graph.requests).containsSubsequence("playPrompt", "cancelMediaProcessing", "playPrompt");
    assertThat(outcomes(result)).containsSubsequence("menu=choice:1", "one=completed", "end=hangUp");
    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
  }

  @Test
  void bargeIn_keyWhileWaitingForThePromptCancelsIt_andTheLateCancelledCompletionIsIgnored() {
    harness = new CallHarness(false);
    harness.graph.promptsUntilCancelled.add(1);
    harness.graph.keysDuringPrompt.put(1, "2");
    harness.graph.keyDelayMillis = 200;

    CallResult result = harness.run(menuFlow(3, 3));

    assertThat(harness.graph.requests).containsSubsequence("playPrompt", "cancelMediaProcessing", "playPrompt");
    assertThat(outcomes(result)).containsSubsequence("menu=choice:2", "two=completed", "end=hangUp");
    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
  }

  @Test
  void noInput_escalatesByCountThenTakesMaxTimeouts() {
    harness = new CallHarness(true);

    CallResult result = harness.run(menuFlow(3, 3));

    assertThat(harness.played()).containsExactly("greeting", "ni1", "short", "ni2", "short", "goodbye");
    assertThat(outcomes(result)).containsSubsequence(
        "menu=noInput:1", "menu=noInput:2", "menu=maxTimeouts", "bye=completed", "end=hangUp");
    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
  }

  @Test
  void timeScale_compressesMenuTimeoutsInRealTime() {
    harness = new CallHarness(false);
    Flow flow = menuFlow(3, 3);
    CallInput input = new CallInput(CallHarness.CALL_ID, "tenant", "incoming", "https://bot.example/callbacks/calling",
        flow, null, CallHarness.prompts(), null, new CallTimeouts(null, null, null, 50.0));
    long started = System.nanoTime();

    CallResult result = harness.run(input);

    // three 5 s no-inputs and six prompts of 1 s take well under a second at 50x
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(5);
    assertThat(outcomes(result)).contains("menu=maxTimeouts");
  }

  @Test
  void noMatch_escalatesByCountThenAcceptsAValidKey() {
    harness = new CallHarness(true);
    harness.graph.keysDuringPrompt.put(1, "9");
    harness.graph.keysDuringPrompt.put(3, "7");
    harness.graph.keysDuringPrompt.put(5, "1");

    CallResult result = harness.run(menuFlow(3, 3));

    assertThat(harness.played()).containsExactly("greeting", "nm1", "short", "nm2", "short", "thanks");
    assertThat(outcomes(result)).containsSubsequence("menu=noMatch:1", "menu=noMatch:2", "menu=choice:1");
  }

  @Test
  void noMatch_afterMaxFailuresTakesOnMaxFailures() {
    harness = new CallHarness(true);
    harness.graph.keysDuringPrompt.put(1, "9");
    harness.graph.keysDuringPrompt.put(3, "8");

    CallResult result = harness.run(menuFlow(2, 3));

    assertThat(outcomes(result)).containsSubsequence("menu=noMatch:1", "menu=maxFailures", "bye=completed");
  }

  @Test
  void collectDigits_endsOnTheTerminatorWithoutStoringIt() {
    harness = new CallHarness(true);
    harness.graph.keysDuringPrompt.put(1, "1234#9");

    CallResult result = harness.run(collectFlow(collect(null, 1)));

    assertThat(result.variables()).containsEntry("account", "1234");
    assertThat(outcomes(result)).contains("collect=collected");
  }

  @Test
  void collectDigits_interDigitTimeoutEndsTheInput() {
    harness = new CallHarness(true);
    harness.graph.keysDuringPrompt.put(1, "12");

    CallResult result = harness.run(collectFlow(collect(null, 1)));

    assertThat(result.variables()).containsEntry("account", "12");
    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
  }

  @Test
  void collectDigits_keysTypedDuringAnEarlierPromptAreKept() {
    harness = new CallHarness(true);
    harness.graph.keysDuringPrompt.put(1, "55");
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("intro", new PlayNode(List.of("greeting"), "collect"));
    nodes.put("collect", collect(null, 1));
    nodes.put("thanks", new PlayNode(List.of("thanks"), "end"));
    nodes.put("end", new HangupNode());

    CallResult result = harness.run(flow("intro", nodes));

    assertThat(result.variables()).containsEntry("account", "55");
    assertThat(harness.played()).containsExactly("greeting", "thanks"); // the typed-ahead keys skip "enter"
  }

  @Test
  void collectDigits_patternMismatchRetriesThenTakesOnNoMatch() {
    harness = new CallHarness(true);
    harness.graph.keysDuringPrompt.put(1, "1234#");
    harness.graph.keysDuringPrompt.put(3, "9999#");

    CallResult result = harness.run(collectFlow(collect("4\\d{3}", 2)));

    assertThat(harness.played()).containsExactly("enter", "retry", "enter", "sorry");
    assertThat(outcomes(result)).containsSubsequence("collect=noMatch:1", "collect=noMatch:final", "bad=completed");
    assertThat(result.variables()).doesNotContainKey("account");
  }

  @Test
  void collectDigits_noInputOnEveryAttemptTakesOnNoInput() {
    harness = new CallHarness(true);

    CallResult result = harness.run(collectFlow(collect(null, 2)));

    assertThat(outcomes(result)).containsSubsequence("collect=noInput:1", "collect=noInput:final", "silent=completed");
  }

  /** menu: 1 → one, 2 → two; escalation prompts by count; max failures/timeouts → bye. */
  private static Flow menuFlow(int maxFailures, int maxTimeouts) {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("menu", Nodes.menu("greeting").shortGreeting("short").choice("1", "one").choice("2", "two")
        .invalidPrompt("invalid").timeoutPrompt("timeout").noInputPrompts(Map.of(1, "ni1", 2, "ni2"))
        .noMatchPrompts(Map.of(1, "nm1", 2, "nm2")).timeoutSeconds(5).maxFailures(maxFailures)
        .maxTimeouts(maxTimeouts).bargeIn(true).variable("choice").onMaxFailures("bye").onMaxTimeouts("bye").build());
    nodes.put("one", new PlayNode(List.of("thanks"), "end"));
    nodes.put("two", new PlayNode(List.of("hold"), "end"));
    nodes.put("bye", new PlayNode(List.of("goodbye"), "end"));
    nodes.put("end", new HangupNode());
    return new Flow("menu", "v1", null, null, null, Map.of("choice", ""), null, "menu", null, nodes);
  }

  private static CollectDigitsNode collect(String pattern, int maxAttempts) {
    return Nodes.collectDigits("enter", "account").minDigits(2).maxDigits(6).terminator("#")
        .firstDigitTimeoutSeconds(5).interDigitTimeoutSeconds(3).pattern(pattern).maxAttempts(maxAttempts)
        .noInputPrompt("retry").noMatchPrompt("retry").bargeIn(true).next("thanks").onNoInput("silent")
        .onNoMatch("bad").build();
  }

  private static Flow collectFlow(CollectDigitsNode collect) {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("collect", collect);
    nodes.put("thanks", new PlayNode(List.of("thanks"), "end"));
    nodes.put("bad", new PlayNode(List.of("sorry"), "end"));
    nodes.put("silent", new PlayNode(List.of("goodbye"), "end"));
    nodes.put("end", new HangupNode());
    return flow("collect", nodes);
  }
}
