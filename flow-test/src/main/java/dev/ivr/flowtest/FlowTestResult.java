package dev.ivr.flowtest;

import java.util.List;
import java.util.Map;

/** The outcome of one flow test case: what happened, and every way it differed from what was expected. */
public record FlowTestResult(
    FlowTestCase testCase,
    String outcome,
    List<String> path,
    Map<String, Object> variables,
    int recordings,
    List<String> mismatches,
    long elapsedMillis) {

  public boolean passed() {
    return mismatches.isEmpty();
  }

  /** A readable report; a failing case shows the expected path beside the actual one. */
  public String report() {
    StringBuilder out = new StringBuilder();
    out.append(passed() ? "PASS " : "FAIL ").append(testCase).append(" (").append(elapsedMillis).append(" ms)\n");
    if (!passed()) {
      for (String mismatch : mismatches) {
        out.append("    ").append(mismatch).append('\n');
      }
      List<String> expected = testCase.expect().path() == null ? List.of() : testCase.expect().path();
      out.append(String.format("    %-28s %s%n", "expected path", "actual path"));
      for (int i = 0; i < Math.max(expected.size(), path.size()); i++) {
        String want = i < expected.size() ? expected.get(i) : "";
        String got = i < path.size() ? path.get(i) : "";
        out.append(String.format("  %s %-28s %s%n", want.equals(got) ? " " : "≠", want, got));
      }
    }
    return out.toString();
  }
}
