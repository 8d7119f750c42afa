package dev.ivr.workflows.interpreter;

import dev.ivr.workflows.call.CallSession;
import dev.ivr.workflows.flow.MenuNode;
import dev.ivr.workflows.interpreter.PromptPlayer.Played;
import java.util.Map;

/**
 * A DTMF menu with VoiceXML-style escalation: per-visit counters of no-inputs and no-matches, the
 * prompt of the highest count not above the counter, and an exit after the maximum of either.
 */
final class MenuStep {
  private static final String TYPE = "menu";

  private final CallSession call;
  private final PromptPlayer player;

  MenuStep(CallSession call, PromptPlayer player) {
    this.call = call;
    this.player = player;
  }

  String run(String nodeId, MenuNode node) {
    int noInputs = 0;
    int noMatches = 0;
    String prompt = node.greeting();
    while (true) {
      if (player.play(prompt, node.bargeIn()) == Played.ENDED) {
        return call.withoutCompletion(nodeId, TYPE);
      }
      String key = call.tones().await(call.scaledSeconds(node.timeoutSeconds()));
      if (key == null) {
        if (call.events().isTerminated()) {
          return call.withoutCompletion(nodeId, TYPE);
        }
        noInputs++;
        if (noInputs >= node.maxTimeouts()) {
          call.step(nodeId, TYPE, "maxTimeouts");
          return node.onMaxTimeouts();
        }
        call.step(nodeId, TYPE, "noInput:" + noInputs);
        if (player.play(escalation(node.noInputPrompts(), noInputs, node.timeoutPrompt()), node.bargeIn())
            == Played.ENDED) {
          return call.withoutCompletion(nodeId, TYPE);
        }
      } else if (node.choices().containsKey(key)) {
        if (node.variable() != null) {
          call.variables().set(node.variable(), key);
        }
        call.step(nodeId, TYPE, "choice:" + key);
        return node.choices().get(key);
      } else {
        noMatches++;
        if (noMatches >= node.maxFailures()) {
          call.step(nodeId, TYPE, "maxFailures");
          return node.onMaxFailures();
        }
        call.step(nodeId, TYPE, "noMatch:" + noMatches);
        if (player.play(escalation(node.noMatchPrompts(), noMatches, node.invalidPrompt()), node.bargeIn())
            == Played.ENDED) {
          return call.withoutCompletion(nodeId, TYPE);
        }
      }
      prompt = node.shortGreeting() != null ? node.shortGreeting() : node.greeting();
    }
  }

  /** The prompt of the highest count ≤ {@code count}, else {@code fallback} (VoiceXML catch count). */
  static String escalation(Map<Integer, String> byCount, int count, String fallback) {
    String chosen = null;
    int best = Integer.MIN_VALUE;
    for (Map.Entry<Integer, String> entry : byCount.entrySet()) {
      if (entry.getKey() <= count && entry.getKey() > best) {
        best = entry.getKey();
        chosen = entry.getValue();
      }
    }
    return chosen != null ? chosen : fallback;
  }
}
