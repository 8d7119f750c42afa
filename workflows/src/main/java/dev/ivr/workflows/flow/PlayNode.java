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
 *
 * <p>{@code recording}: the variable of a record node that ran earlier in the call (e.g.
 * {@code message}); its recording plays after the node's {@code prompts} (0 to 19 of them), in the
 * same playPrompt. Graph fetches it from the api at a signed URL that expires (made by the worker
 * when it sends the request). No recording in the variable (empty {@code location}) fails the node.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlayNode(List<String> prompts, Boolean bargeIn, String next, String onError, String promptsExpression,
    List<SayItem> say, String recording) implements FlowNode {
  /** Graph's limit on the prompts of one playPrompt. */
  public static final int MAX_PROMPTS = 20;

  public PlayNode {
    prompts = prompts == null ? List.of() : List.copyOf(prompts);
    say = say == null ? List.of() : List.copyOf(say);
    if (promptsExpression != null && !prompts.isEmpty()) {
      throw new IllegalArgumentException("play takes prompts or promptsExpression, not both");
    }
    if (!say.isEmpty() && (promptsExpression != null || !prompts.isEmpty() || recording != null)) {
      throw new IllegalArgumentException("play takes say instead of prompts, promptsExpression and recording, not with them");
    }
    if (recording != null && (promptsExpression != null || prompts.size() >= MAX_PROMPTS)) {
      throw new IllegalArgumentException("play takes a recording with at most 19 prompts, not with promptsExpression");
    }
    if (recording == null && promptsExpression == null && say.isEmpty()
        && (prompts.isEmpty() || prompts.size() > MAX_PROMPTS)) {
      throw new IllegalArgumentException("play needs 1 to 20 prompts, Graph's limit");
    }
    bargeIn = bargeIn != null && bargeIn;
  }

  public PlayNode(List<String> prompts, Boolean bargeIn, String next, String onError, String promptsExpression) {
    this(prompts, bargeIn, next, onError, promptsExpression, null, null);
  }

  public PlayNode(List<String> prompts, Boolean bargeIn, String next, String onError) {
    this(prompts, bargeIn, next, onError, null);
  }

  /** A play node that says {@code say}. */
  public static PlayNode saying(List<SayItem> say, Boolean bargeIn, String next, String onError) {
    return new PlayNode(null, bargeIn, next, onError, null, say, null);
  }

  /** A play node that plays the recording of {@code variable} after {@code prompts}. */
  public static PlayNode playingBack(List<String> prompts, String variable, Boolean bargeIn, String next,
      String onError) {
    return new PlayNode(prompts, bargeIn, next, onError, null, null, variable);
  }

  public PlayNode(List<String> prompts, String next) {
    this(prompts, false, next, null);
  }
}
