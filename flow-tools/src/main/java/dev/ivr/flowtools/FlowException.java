package dev.ivr.flowtools;

import java.util.List;

/** A flow (or a set of flows) that cannot be loaded, with every problem found. */
public class FlowException extends RuntimeException {
  private final transient List<FlowProblem> problems;

  public FlowException(List<FlowProblem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  public List<FlowProblem> problems() {
    return problems;
  }

  private static String describe(List<FlowProblem> problems) {
    StringBuilder text = new StringBuilder();
    for (FlowProblem problem : problems) {
      text.append(text.length() == 0 ? "" : "\n").append(problem);
    }
    return text.toString();
  }
}
