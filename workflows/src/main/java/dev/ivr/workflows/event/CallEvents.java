package dev.ivr.workflows.event;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The Graph events of one call as the workflow has seen them. Signal handlers only add here; the
 * workflow's main thread reads. Events may come early (before the activity that caused them
 * returns), twice, or out of order (established before establishing): completions are kept by
 * {@code clientContext} and operation id until a step asks for them, duplicates are dropped by
 * {@link GraphEvent#dedupKey()}, and call states only move forward.
 *
 * <p>Deterministic: insertion-ordered collections, no clock, no I/O.
 */
public final class CallEvents {
  /** Bounds the dedup memory; an IVR call sees far fewer distinct events. */
  public static final int MAX_REMEMBERED_KEYS = 1024;
  /**
   * The state of an outbound call between two attempts (a flow's retry schedule): not Graph's, ours;
   * it is the search attribute {@code CallState} meanwhile, and the api's count of live calls leaves
   * such calls out.
   */
  public static final String WAITING_TO_RETRY = "waitingToRetry";

  private final Set<String> seenKeys = new LinkedHashSet<>();
  private final Map<String, OperationCompleted> completionsByContext = new HashMap<>();
  private final Map<String, OperationCompleted> completionsByOperation = new HashMap<>();
  private final Deque<ToneReceived> tones = new ArrayDeque<>();
  private String state = "incoming";
  private boolean established;
  private boolean terminated;
  private ResultInfo endReason;
  private String terminationReason;
  private ResultInfo transferFailure;
  private boolean transferAccepted;
  /** Between two attempts of an outbound call: late events of the ended attempt are dropped. */
  private boolean waitingToRetry;

  /**
   * Takes one event; returns false when it was a duplicate and changed nothing. Call states are not
   * deduplicated by key: applying one twice is harmless, and a call may legitimately return to a
   * state (established again after a failed transfer, a second transferring).
   */
  public boolean accept(GraphEvent event) {
    if (waitingToRetry) {
      return false;
    }
    if (event instanceof CallStateChanged changed) {
      onState(changed);
      return true;
    }
    if (!remember(event.dedupKey())) {
      return false;
    }
    if (event instanceof OperationCompleted completed) {
      onCompletion(completed);
    } else if (event instanceof ToneReceived tone) {
      tones.addLast(tone);
    } else {
      throw new IllegalArgumentException("unknown graph event " + event);
    }
    return true;
  }

  private boolean remember(String key) {
    if (!seenKeys.add(key)) {
      return false;
    }
    if (seenKeys.size() > MAX_REMEMBERED_KEYS) {
      seenKeys.remove(seenKeys.iterator().next());
    }
    return true;
  }

  private void onState(CallStateChanged changed) {
    if (terminated) {
      return; // nothing follows terminated; a late establishing must not revive the call
    }
    if (changed.is("transferAccepted")) {
      transferAccepted = true;
    } else if (changed.is("established") && changed.resultInfo() != null) {
      transferFailure = changed.resultInfo(); // Graph returns a failed transfer to established
    }
    if (changed.is("terminated")) {
      terminated = true;
      endReason = changed.resultInfo();
      terminationReason = changed.terminationReason();
      state = "terminated";
    } else if (changed.is("established")) {
      established = true;
      state = "established";
    } else if (changed.is("establishing") && established) {
      // out of order: established already arrived; keep the later state
    } else {
      state = changed.state();
    }
  }

  private void onCompletion(OperationCompleted completed) {
    if (completed.clientContext() != null && !completed.clientContext().isBlank()) {
      completionsByContext.putIfAbsent(completed.clientContext(), completed);
    }
    if (completed.operationId() != null && !completed.operationId().isBlank()) {
      completionsByOperation.putIfAbsent(GraphIds.normalise(completed.operationId()), completed);
    }
  }

  /** The completion of the step with this clientContext, or of this operation id; null if none yet. */
  public OperationCompleted completionOf(String clientContext, String operationId) {
    OperationCompleted byContext = completionsByContext.get(clientContext);
    if (byContext != null || operationId == null) {
      return byContext;
    }
    return completionsByOperation.get(GraphIds.normalise(operationId));
  }

  /** Records Graph's synchronous answer as the completion when Graph will send none. */
  public void completedInResponse(String clientContext, OperationCompleted completed) {
    completionsByContext.putIfAbsent(clientContext, completed);
  }

  public ToneReceived nextTone() {
    return tones.pollFirst();
  }

  public boolean hasTone() {
    return !tones.isEmpty();
  }

  public void clearTones() {
    tones.clear();
  }

  /** Forgets the outcome of an earlier transfer before a new one starts. */
  public void beginTransfer() {
    transferFailure = null;
    transferAccepted = false;
  }

  /** The resultInfo of established-again after a transfer started; null while none came. */
  public ResultInfo transferFailure() {
    return transferFailure;
  }

  public boolean transferAccepted() {
    return transferAccepted;
  }

  public String state() {
    return state;
  }

  public boolean isEstablished() {
    return established;
  }

  public boolean isTerminated() {
    return terminated;
  }

  /** The call is gone without a notification (Graph answered 404). */
  public void markGone() {
    terminated = true;
    state = "terminated";
  }

  /**
   * The attempt of an outbound call ended (terminated, never established) and the call waits to be
   * placed again: state {@link #WAITING_TO_RETRY}, still terminated, and events are dropped until
   * {@link #nextAttempt()} (a late or repeated notification of the ended attempt).
   */
  public void awaitRetry() {
    waitingToRetry = true;
    state = WAITING_TO_RETRY;
  }

  /** A new attempt of the outbound call starts: everything of the last one is forgotten. */
  public void nextAttempt() {
    waitingToRetry = false;
    seenKeys.clear();
    completionsByContext.clear();
    completionsByOperation.clear();
    tones.clear();
    state = "incoming";
    established = false;
    terminated = false;
    endReason = null;
    terminationReason = null;
    transferFailure = null;
    transferAccepted = false;
  }

  public boolean isWaitingToRetry() {
    return waitingToRetry;
  }

  public ResultInfo endReason() {
    return endReason;
  }

  /** Graph's {@code terminationReason} of the terminated call ({@code AppTransferred}…), or null. */
  public String terminationReason() {
    return terminationReason;
  }
}
