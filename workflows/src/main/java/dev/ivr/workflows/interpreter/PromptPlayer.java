package dev.ivr.workflows.interpreter;

import dev.ivr.workflows.call.CallSession;
import dev.ivr.workflows.event.OperationCompleted;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.graph.CancelMediaProcessing;
import dev.ivr.workflows.graph.PlayPrompt;
import dev.ivr.workflows.operator.OperatorInterrupt;
import java.time.Duration;
import java.util.List;

/**
 * Plays localised prompts with optional barge-in. A key pressed during a barge-in prompt cancels it
 * ({@code cancelMediaProcessing}) and the wait for its completion ends; the cancelled operation's
 * failed 8508 completion arrives later under a clientContext nobody asks for, so it is ignored.
 * The key stays buffered for the step that collects keys. An operator action interrupts a prompt
 * the same way (cancelled unless the action hangs up) and ends the step with {@link OperatorInterrupt}.
 */
final class PromptPlayer {
  enum Played { COMPLETED, FAILED, BARGED_IN, SKIPPED, ENDED }

  private final CallSession call;

  PromptPlayer(CallSession call) {
    this.call = call;
  }

  /** Plays one prompt key; a null key plays nothing. */
  Played play(String promptKey, boolean bargeIn) {
    return promptKey == null ? Played.SKIPPED : play(List.of(promptKey), bargeIn);
  }

  /**
   * Plays the prompts in order as one playPrompt. With barge-in, keys already buffered (typed
   * ahead) answer the prompt before it starts, so it is skipped. {@link Played#ENDED} means no
   * completion came (hang-up or timeout): the caller ends the step with
   * {@link CallSession#withoutCompletion}.
   */
  Played play(List<String> promptKeys, boolean bargeIn) {
    List<MediaRef> media = promptKeys.stream().map(call::media).toList();
    if (media.isEmpty() || bargeIn && call.tones().buffered()) {
      return Played.SKIPPED;
    }
    return play(promptKeys, media, bargeIn, summary(promptKeys));
  }

  /**
   * Plays prompts already resolved to media (a say sequence) as consecutive playPrompts of at most
   * {@link PlayNode#MAX_PROMPTS} (Graph's limit), stopping at the first that does not complete; a
   * key buffered between two of them is a barge-in.
   */
  Played playInParts(List<String> promptKeys, List<MediaRef> media, boolean bargeIn) {
    Played played = Played.SKIPPED;
    for (int from = 0; from < media.size(); from += PlayNode.MAX_PROMPTS) {
      if (bargeIn && call.tones().buffered()) {
        return from == 0 ? Played.SKIPPED : Played.BARGED_IN;
      }
      List<String> keys = promptKeys.subList(from, Math.min(from + PlayNode.MAX_PROMPTS, media.size()));
      played = play(keys, media.subList(from, from + keys.size()), bargeIn, summary(keys));
      if (played != Played.COMPLETED) {
        return played;
      }
    }
    return played;
  }

  /**
   * Plays the prompts, then a recording made earlier in the call ({@code recording}, the media of
   * the record node's {@code variable}), as one playPrompt; otherwise as {@link #play(List, boolean)}.
   */
  Played play(List<String> promptKeys, String variable, MediaRef recording, boolean bargeIn) {
    List<MediaRef> media = new java.util.ArrayList<>(promptKeys.stream().map(call::media).toList());
    media.add(recording);
    if (bargeIn && call.tones().buffered()) {
      return Played.SKIPPED;
    }
    List<String> names = new java.util.ArrayList<>(promptKeys);
    names.add("recording:" + variable);
    return play(names, media, bargeIn, summary(names));
  }

  /** Plays an operator's announcement; only a further operator action interrupts it. */
  Played announce(String promptKey) {
    return play(List.of(promptKey), List.of(call.media(promptKey)), false, "announce " + promptKey + " (operator)");
  }

  private Played play(List<String> promptKeys, List<MediaRef> media, boolean bargeIn, String summary) {
    String context = call.nextClientContext();
    long millis = media.stream().mapToLong(MediaRef::durationMillis).sum();
    OperationCompleted done = call.media(context,
        () -> call.graph(summary).playPrompt(new PlayPrompt(call.graphCallId(), context, media)),
        Duration.ofMillis(millis), () -> bargeIn && call.tones().buffered() || call.operator().isPending());
    if (done != null) {
      return done.succeeded() ? Played.COMPLETED : Played.FAILED;
    }
    if (!call.events().isTerminated() && bargeIn && call.tones().buffered()) {
      cancel(context, "cancel " + String.join("+", promptKeys) + " (barge-in)");
      return Played.BARGED_IN;
    }
    if (!call.events().isTerminated() && call.operator().isPending()) {
      if (!call.operator().isHangupPending()) {
        cancel(context, "cancel " + String.join("+", promptKeys) + " (operator)");
      }
      throw new OperatorInterrupt();
    }
    return Played.ENDED;
  }

  private void cancel(String context, String summary) {
    call.callGraph(() -> call.graph(summary).cancelMediaProcessing(
        new CancelMediaProcessing(call.graphCallId(), context)));
  }

  /** "play greeting" in a play node; "menu main: play greeting" in a menu or collectDigits node. */
  private String summary(List<String> promptKeys) {
    String keys = "play " + String.join("+", promptKeys);
    String type = call.currentNodeType();
    return type == null || "play".equals(type) ? keys : type + " " + call.currentNode() + ": " + keys;
  }

  static String describe(Played played) {
    return switch (played) {
      case COMPLETED -> "completed";
      case FAILED -> "failed";
      case BARGED_IN -> "bargedIn";
      case SKIPPED -> "skipped";
      case ENDED -> "ended";
    };
  }
}
