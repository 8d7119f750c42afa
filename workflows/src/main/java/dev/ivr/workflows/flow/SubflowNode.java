package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * Runs another flow on the same call, in a variable scope of its own. {@code parameters} set the
 * subflow's variables (child variable → CEL expression in the parent's scope). The subflow returns
 * when one of its nodes names the reserved successor {@value Flow#RETURN}; then {@code returns} copy
 * values back (parent variable → child variable) and the parent goes to {@code next}. A hangup node
 * in a subflow hangs up the call. The subflow's definition is resolved when the call starts and
 * travels in the workflow input, so it is pinned like the parent.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SubflowNode(
    String flow, Map<String, String> parameters, Map<String, String> returns, String next, String onError)
    implements FlowNode {
  public SubflowNode {
    if (flow == null || flow.isBlank()) {
      throw new IllegalArgumentException("subflow needs the id of the flow to call");
    }
    parameters = parameters == null ? Map.of() : FlowMaps.ordered(parameters);
    returns = returns == null ? Map.of() : FlowMaps.ordered(returns);
  }
}
