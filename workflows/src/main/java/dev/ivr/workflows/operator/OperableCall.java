package dev.ivr.workflows.operator;

/** What the operator-action signal handler asks of a call before it queues an action. */
public interface OperableCall {
  /** The node now running, named like the path; null before the flow. */
  String currentNode();

  /** Graph said the call is established (it may have ended since). */
  boolean isConnected();

  /** The call has an outcome, or Graph terminated it. */
  boolean hasEnded();

  /** The call took the operator-visibility change: calls started before it refuse actions. */
  boolean isOperable();

  /**
   * An outbound call waiting to be placed again (its flow's retry schedule): only a hangup applies,
   * and it cancels the retries.
   */
  default boolean isWaitingToRetry() {
    return false;
  }

  /** Whether the prompt key resolves in the call's prompt catalog for the caller's locale. */
  boolean hasPrompt(String promptKey);
}
