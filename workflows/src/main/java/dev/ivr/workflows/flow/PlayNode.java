package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Plays one or more prompts (by prompt key, localised) in order, then goes to {@code next}. With
 * {@code bargeIn}, a key pressed during the prompts cancels them; the key stays in the type-ahead
 * buffer for the next node that collects digits.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlayNode(List<String> prompts, Boolean bargeIn, String next, String onError) implements FlowNode {
  public PlayNode {
    prompts = List.copyOf(prompts);
    if (prompts.isEmpty() || prompts.size() > 20) {
      throw new IllegalArgumentException("play needs 1 to 20 prompts, Graph's limit");
    }
    bargeIn = bargeIn != null && bargeIn;
  }

  public PlayNode(List<String> prompts, String next) {
    this(prompts, false, next, null);
  }
}
