package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Plays one or more prompts (by prompt key, localised) in order, then goes to {@code next}. With
 * {@code bargeIn}, a key pressed during the prompts cancels them; the key stays in the type-ahead
 * buffer for the next node that collects digits.
 *
 * <p>{@code promptsExpression} instead of {@code prompts}: a CEL expression that yields the list of
 * prompt keys (or one key) when the node runs, e.g. {@code vip ? ['vip-welcome'] : ['welcome-back']}.
 * The keys it may yield are the string literals of its list literals: the api pins those, the
 * validator checks them; a key outside them fails the node ({@code onError}).
 *
 * <p>{@code say} instead of either: prompts and values said in the call's locale ({@link SayItem}),
 * built from the {@code say-*} fragment prompts; a value that cannot be said fails the node.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlayNode(List<String> prompts, Boolean bargeIn, String next, String onError, String promptsExpression,
    List<SayItem> say) implements FlowNode {
  /** Graph's limit on the prompts of one playPrompt. */
  public static final int MAX_PROMPTS = 20;

  public PlayNode {
    prompts = prompts == null ? List.of() : List.copyOf(prompts);
    say = say == null ? List.of() : List.copyOf(say);
    if (promptsExpression != null && !prompts.isEmpty()) {
      throw new IllegalArgumentException("play takes prompts or promptsExpression, not both");
    }
    if (!say.isEmpty() && (promptsExpression != null || !prompts.isEmpty())) {
      throw new IllegalArgumentException("play takes say instead of prompts and promptsExpression, not with them");
    }
    if (promptsExpression == null && say.isEmpty() && (prompts.isEmpty() || prompts.size() > MAX_PROMPTS)) {
      throw new IllegalArgumentException("play needs 1 to 20 prompts, Graph's limit");
    }
    bargeIn = bargeIn != null && bargeIn;
  }

  public PlayNode(List<String> prompts, Boolean bargeIn, String next, String onError, String promptsExpression) {
    this(prompts, bargeIn, next, onError, promptsExpression, null);
  }

  public PlayNode(List<String> prompts, Boolean bargeIn, String next, String onError) {
    this(prompts, bargeIn, next, onError, null);
  }

  /** A play node that says {@code say}. */
  public static PlayNode saying(List<SayItem> say, Boolean bargeIn, String next, String onError) {
    return new PlayNode(null, bargeIn, next, onError, null, say);
  }

  public PlayNode(List<String> prompts, String next) {
    this(prompts, false, next, null);
  }
}
