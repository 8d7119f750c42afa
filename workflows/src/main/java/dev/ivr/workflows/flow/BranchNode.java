package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Goes to the first condition whose CEL expression is true, else to {@code otherwise}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BranchNode(List<Condition> conditions, String otherwise, String onError) implements FlowNode {
  public BranchNode {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }

  /** {@code when} is a CEL expression of type bool. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Condition(String when, String next) {}
}
