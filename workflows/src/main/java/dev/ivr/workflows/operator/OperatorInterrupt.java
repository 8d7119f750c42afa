package dev.ivr.workflows.operator;

/**
 * An operator action ended a wait (a prompt, or keys): the interpreter runs the queued actions,
 * then the interrupted node again from its start. Control flow only, so it carries no stack trace.
 */
public final class OperatorInterrupt extends RuntimeException {
  public OperatorInterrupt() {
    super("interrupted by an operator action", null, false, false);
  }
}
