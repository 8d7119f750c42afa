package dev.ivr.workflows.interpreter;

import dev.ivr.workflows.call.CallSession;
import dev.ivr.workflows.flow.CollectDigitsNode;
import dev.ivr.workflows.interpreter.PromptPlayer.Played;
import java.util.regex.Pattern;

/**
 * Collects a DTMF string on workflow timers: a first-digit timeout, an inter-digit timeout, a
 * terminator and a maximum length; then validates length and pattern. Keys typed during the prompt
 * (or earlier) come from the type-ahead buffer.
 */
final class CollectDigitsStep {
  private static final String TYPE = "collectDigits";

  private final CallSession call;
  private final PromptPlayer player;

  CollectDigitsStep(CallSession call, PromptPlayer player) {
    this.call = call;
    this.player = player;
  }

  String run(String nodeId, CollectDigitsNode node) {
    Pattern pattern = node.pattern() == null ? null : Pattern.compile(node.pattern());
    String prompt = node.prompt();
    for (int attempt = 1; ; attempt++) {
      if (player.play(prompt, node.bargeIn()) == Played.ENDED) {
        return call.withoutCompletion(nodeId, TYPE);
      }
      String digits = collect(node);
      if (call.events().isTerminated()) {
        return call.withoutCompletion(nodeId, TYPE);
      }
      boolean noInput = digits == null;
      if (!noInput && digits.length() >= node.minDigits() && (pattern == null || pattern.matcher(digits).matches())) {
        call.variables().set(node.variable(), digits);
        call.step(nodeId, TYPE, "collected");
        return node.next();
      }
      String kind = noInput ? "noInput" : "noMatch";
      if (attempt >= node.maxAttempts()) {
        call.step(nodeId, TYPE, kind + ":final");
        return noInput ? node.onNoInput() : node.onNoMatch();
      }
      call.step(nodeId, TYPE, kind + ":" + attempt);
      if (player.play(noInput ? node.noInputPrompt() : node.noMatchPrompt(), node.bargeIn()) == Played.ENDED) {
        return call.withoutCompletion(nodeId, TYPE);
      }
    }
  }

  /** The keys up to the terminator, the maximum, or the inter-digit timeout; null if none came. */
  private String collect(CollectDigitsNode node) {
    String key = call.tones().await(call.scaledSeconds(node.firstDigitTimeoutSeconds()));
    if (key == null) {
      return null;
    }
    StringBuilder digits = new StringBuilder();
    while (key != null) {
      if (key.equals(node.terminator())) {
        return digits.toString();
      }
      digits.append(key);
      if (digits.length() >= node.maxDigits()) {
        return digits.toString();
      }
      key = call.tones().await(call.scaledSeconds(node.interDigitTimeoutSeconds()));
    }
    return digits.toString();
  }
}
