package dev.ivr.workflows.flow.expr;

/** A CEL expression that does not compile, or that fails or yields the wrong type when evaluated. */
public final class ExpressionException extends RuntimeException {
  public ExpressionException(String message) {
    super(message);
  }
}
