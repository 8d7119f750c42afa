package dev.ivr.workflows.interpreter;

/**
 * A node that cannot do its job: a missing node or prompt, an expression that fails, a Graph or
 * external request that fails. The interpreter takes the node's {@code onError}, else the call
 * ends as FAILED after a clean hang-up.
 */
public final class FlowError extends RuntimeException {
  public FlowError(String message) {
    super(message);
  }
}
