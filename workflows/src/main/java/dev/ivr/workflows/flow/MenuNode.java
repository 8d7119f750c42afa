package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * A DTMF menu, FreeSWITCH-style attributes with VoiceXML-style escalation.
 *
 * <ul>
 *   <li>The first visit plays {@code greeting}; repeats play {@code shortGreeting} (or the greeting).
 *   <li>A key in {@code choices} goes to that node; the key is stored in {@code variable} if set.
 *   <li>No key within {@code timeoutSeconds} is a no-input; a key not in choices is a no-match.
 *   <li>On the n-th no-input the prompt of the highest count ≤ n in {@code noInputPrompts} plays
 *       (else {@code timeoutPrompt}); likewise {@code noMatchPrompts} / {@code invalidPrompt}. Then
 *       the menu repeats.
 *   <li>After {@code maxTimeouts} no-inputs the flow goes to {@code onMaxTimeouts}; after
 *       {@code maxFailures} no-matches to {@code onMaxFailures} (both default to {@code onError}).
 *   <li>With {@code bargeIn} (default true) a key pressed during a prompt cancels it and counts.
 * </ul>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MenuNode(
    String greeting,
    String shortGreeting,
    Map<String, String> choices,
    String invalidPrompt,
    String timeoutPrompt,
    Map<Integer, String> noInputPrompts,
    Map<Integer, String> noMatchPrompts,
    Integer timeoutSeconds,
    Integer maxFailures,
    Integer maxTimeouts,
    Boolean bargeIn,
    String variable,
    String onMaxFailures,
    String onMaxTimeouts,
    String onError)
    implements FlowNode {
  public MenuNode {
    if (greeting == null || greeting.isBlank()) {
      throw new IllegalArgumentException("menu needs a greeting prompt");
    }
    choices = choices == null ? Map.of() : FlowMaps.ordered(choices);
    for (String key : choices.keySet()) {
      if (!key.matches("[0-9*#]")) {
        throw new IllegalArgumentException("menu choice keys are single DTMF keys 0-9, * or #, got '" + key + "'");
      }
    }
    noInputPrompts = noInputPrompts == null ? Map.of() : FlowMaps.ordered(noInputPrompts);
    noMatchPrompts = noMatchPrompts == null ? Map.of() : FlowMaps.ordered(noMatchPrompts);
    timeoutSeconds = timeoutSeconds == null ? 5 : timeoutSeconds;
    maxFailures = maxFailures == null ? 3 : maxFailures;
    maxTimeouts = maxTimeouts == null ? 3 : maxTimeouts;
    bargeIn = bargeIn == null || bargeIn;
    onMaxFailures = onMaxFailures == null ? onError : onMaxFailures;
    onMaxTimeouts = onMaxTimeouts == null ? onError : onMaxTimeouts;
  }
}
