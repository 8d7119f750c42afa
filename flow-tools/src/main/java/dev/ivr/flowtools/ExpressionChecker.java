package dev.ivr.flowtools;

import dev.ivr.workflows.flow.expr.CelExpressions;
import java.util.List;
import java.util.Set;

/**
 * Compiles a flow expression against its declared variables and returns the errors (empty when it
 * is fine). The default is the interpreter's own CEL facade, {@link CelExpressions#check}, so
 * validation and execution agree exactly; tests may substitute their own.
 */
@FunctionalInterface
public interface ExpressionChecker {

  List<String> check(String expression, Set<String> declaredVariables);

  /** The interpreter's CEL checker. */
  static ExpressionChecker cel() {
    return CelExpressions::check;
  }
}
