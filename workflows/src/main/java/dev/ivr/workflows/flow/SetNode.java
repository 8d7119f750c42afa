package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** Sets variables, in order, each to the value of a CEL expression over the flow's variables. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SetNode(Map<String, String> values, String next, String onError) implements FlowNode {
  public SetNode {
    values = values == null ? Map.of() : FlowMaps.ordered(values);
  }
}
