package dev.ivr.workflows.flow.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CelExpressionsTest {

  @Test
  void check_rejectsAnUndeclaredVariable() {
    assertThat(CelExpressions.check("attempts > 2 && caller == 'x'", Set.of("attempts")))
        .singleElement().asString().contains("caller");
  }

  @Test
  void check_acceptsDeclaredDynVariables() {
    assertThat(CelExpressions.check("attempts + 1 > 2 && account.id.startsWith('4')", Set.of("attempts", "account")))
        .isEmpty();
  }

  @Test
  void check_reportsSyntaxErrors() {
    assertThat(CelExpressions.check("attempts >", Set.of("attempts"))).isNotEmpty();
  }

  @Test
  void evaluate_takesJsonLikeValuesAndReturnsPlainJava() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("n", 41);
    vars.put("account", Map.of("id", "42", "tags", List.of("a", "b")));
    vars.put("missing", null);

    assertThat(CelExpressions.evaluate("n + 1", vars)).isEqualTo(42L);
    assertThat(CelExpressions.evaluate("account.tags.size() == 2 && missing == null", vars)).isEqualTo(true);
    assertThat(CelExpressions.evaluate("{'a': [1, 2.5, 'x']}", vars))
        .isEqualTo(Map.of("a", List.of(1L, 2.5, "x")));
  }

  @Test
  void evaluate_failureIsAnExpressionException() {
    assertThatThrownBy(() -> CelExpressions.evaluate("1 / n", Map.of("n", 0L))).isInstanceOf(ExpressionException.class);
    assertThatThrownBy(() -> CelExpressions.test("n", Map.of("n", 1L))).isInstanceOf(ExpressionException.class);
  }
}
