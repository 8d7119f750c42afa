package dev.ivr.workflows.interpreter;

import static dev.ivr.workflows.call.CallHarness.outcomes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.call.CallHarness;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.SayItem;
import dev.ivr.workflows.flow.say.SayGrammars;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A play node's {@code say} list on TestWorkflowEnvironment: the locale chosen, the fragments played, parts, errors. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SayFlowTest {
  private static final List<SayItem> BALANCE = List.of(
      SayItem.prompt("balance-is"),
      new SayItem(null, null, null, "balance", null, null),
      SayItem.prompt("due-on"),
      new SayItem(null, null, null, null, null, "due"));
  private CallHarness harness;

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void anEnglishCaller_hearsTheAmountAndTheDateInEnglish_inOnePlayPrompt() {
    harness = new CallHarness(true);

    CallResult result = harness.run(input(BALANCE, "en-US", List.of("en-US", "fr-FR")));

    assertThat(harness.played()).containsExactly(sequence("en-US", "balance-is say-40 say-2 say-dollars say-and say-10"
        + " say-cents due-on say-month-12 say-ord-5 say-2 say-thousand say-20 say-6"), "sorry");
    assertThat(outcomes(result)).contains("say=completed");
  }

  @Test
  void aFrenchCaller_hearsEurosAndLeCinqDecembre() {
    harness = new CallHarness(true);

    harness.run(input(BALANCE, "fr-FR", List.of("en-US", "fr-FR")));

    assertThat(harness.played().get(0)).isEqualTo(sequence("fr-FR", "balance-is say-40 say-2 say-euros say-10 due-on"
        + " say-le say-5 say-month-12 say-2 say-thousand say-20 say-6"));
  }

  @Test
  void aLocaleWithoutAGrammar_fallsBackAlongTheChain_toTheFlowsFirstLocaleWithOne() {
    harness = new CallHarness(true);

    harness.run(input(BALANCE, "de-DE", List.of("fr-FR", "en-US")));

    assertThat(harness.played().get(0)).startsWith("fr-FR/balance-is+fr-FR/say-40+fr-FR/say-2+fr-FR/say-euros");
  }

  @Test
  void aGrammarWhoseFragmentsAreNotPinned_isSkipped() {
    harness = new CallHarness(true);
    // the caller speaks French but the flow is English only: the api pinned no French fragments
    Map<String, MediaRef> english = new LinkedHashMap<>(prompts());
    english.keySet().removeIf(key -> key.startsWith("fr-FR/"));

    harness.run(input(BALANCE, "fr-FR", List.of("en-US")).withPrompts(english));

    assertThat(harness.played().get(0)).startsWith("en-US/balance-is+en-US/say-40");
  }

  @Test
  void moreThanTwentyFragments_playAsSeveralPlayPromptsInOrder() {
    harness = new CallHarness(true);
    List<SayItem> say = List.of(SayItem.prompt("balance-is"), new SayItem(null, null, "account", null, null, null));

    CallResult result = harness.run(input(say, "en-US", List.of("en-US")));

    String digits = "1234567890123456789012345";
    List<String> keys = new java.util.ArrayList<>(List.of("en-US/balance-is"));
    digits.chars().forEach(c -> keys.add("en-US/say-" + (char) c));
    assertThat(harness.played()).containsExactly(String.join("+", keys.subList(0, 20)),
        String.join("+", keys.subList(20, 26)), "sorry");
    assertThat(outcomes(result)).contains("say=completed");
  }

  @Test
  void aKeyDuringTheFirstPart_bargesIn_andTheRestIsNotPlayed() {
    harness = new CallHarness(true);
    harness.graph.promptsUntilCancelled.add(1);
    harness.graph.keysDuringPrompt.put(1, "5");
    List<SayItem> say = List.of(SayItem.prompt("balance-is"), new SayItem(null, null, "account", null, null, null));

    CallResult result = harness.run(input(say, "en-US", List.of("en-US"), true));

    assertThat(harness.graph.requests).containsSubsequence("playPrompt", "cancelMediaProcessing", "playPrompt");
    assertThat(harness.played()).hasSize(2).endsWith("sorry");
    assertThat(outcomes(result)).contains("say=bargedIn");
  }

  @Test
  void aValueThatCannotBeSaid_takesOnError() {
    for (String balance : List.of("'forty'", "1e12", "true")) {
      harness = new CallHarness(true);
      List<SayItem> say = List.of(new SayItem(null, null, null, balance, null, null));

      CallResult result = harness.run(input(say, "en-US", List.of("en-US")));

      assertThat(outcomes(result)).as(balance).contains("say=error");
      assertThat(harness.played()).as(balance).containsExactly("sorry");
      harness.close();
    }
    harness = new CallHarness(true);
    CallResult result = harness.run(input(List.of(new SayItem(null, null, null, null, null, "'2026-02-30'")), "en-US",
        List.of("en-US")));
    assertThat(outcomes(result)).contains("say=error");
  }

  @Test
  void aFlowWhoseLocalesHaveNoGrammar_failsTheNode() {
    harness = new CallHarness(true);

    CallResult result = harness.run(input(BALANCE, "de-DE", List.of("de-DE")));

    assertThat(outcomes(result)).contains("say=error");
    assertThat(harness.played()).containsExactly("sorry");
  }

  private static String sequence(String locale, String keys) {
    return Arrays.stream(keys.split(" ")).map(k -> locale + "/" + k).collect(Collectors.joining("+"));
  }

  private static CallInput input(List<SayItem> say, String locale, List<String> locales) {
    return input(say, locale, locales, false);
  }

  private static CallInput input(List<SayItem> say, String locale, List<String> locales, boolean bargeIn) {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("say", PlayNode.saying(say, bargeIn, "bye", "bye"));
    nodes.put("bye", new PlayNode(List.of("sorry"), "end"));
    nodes.put("end", new HangupNode());
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("locale", locale);
    variables.put("balance", 42.1);
    variables.put("due", "2026-12-05");
    variables.put("account", "1234567890123456789012345");
    Flow flow = new Flow("say", "v1", null, locales, "locale", variables, null, null, "say", null, nodes);
    return CallHarness.input(flow, Map.of(), Map.of()).withPrompts(prompts());
  }

  /** The harness's bare prompts, plus both grammars' fragments and two static prompts in en-US and fr-FR. */
  private static Map<String, MediaRef> prompts() {
    Map<String, MediaRef> prompts = new LinkedHashMap<>(CallHarness.prompts());
    for (String locale : SayGrammars.locales()) {
      SayGrammars.of(locale).orElseThrow().fragments().forEach(key -> prompts.put(locale + "/" + key,
          CallHarness.media(locale + "/" + key)));
      for (String key : List.of("balance-is", "due-on")) {
        prompts.put(locale + "/" + key, CallHarness.media(locale + "/" + key));
      }
    }
    return prompts;
  }
}
