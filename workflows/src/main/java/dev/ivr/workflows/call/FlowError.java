package dev.ivr.workflows.call;

/**
 * A node that cannot do its job: a missing node or prompt, an expression that fails, a Graph or
 * external request that fails. The interpreter takes the node's {@code onError}, else the call
 * ends as FAILED after a clean hang-up.
 */
final class FlowError extends RuntimeException {
  FlowError(String message) {
    super(message);
  }
}
