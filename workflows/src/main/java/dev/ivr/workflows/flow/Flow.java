package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * An IVR flow: its id, its version (the content hash of its definition) and its nodes by id. The
 * whole definition travels in the workflow input, so a call is pinned to the version it started with.
 *
 * @param locales the locales the flow's prompts exist in; the first is the default
 * @param localeVariable the variable holding the caller's locale (fallback chain: that locale, its
 *     language, then the flow's locales in order)
 * @param variables declared variables and their initial values (CEL sees exactly these names)
 * @param redact variables whose values operators never see (queries, consoles)
 * @param onHangup the node to run when the caller hangs up (only non-media nodes run there)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Flow(
    String id,
    String version,
    String description,
    List<String> locales,
    String localeVariable,
    Map<String, Object> variables,
    List<String> redact,
    String start,
    String onHangup,
    Map<String, FlowNode> nodes) {

  /** The successor that ends a subflow and returns to its caller. */
  public static final String RETURN = "return";

  public Flow {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("flow id is required");
    }
    locales = locales == null || locales.isEmpty() ? List.of("en-US") : List.copyOf(locales);
    variables = variables == null ? Map.of() : FlowMaps.ordered(variables);
    redact = redact == null ? List.of() : List.copyOf(redact);
    nodes = FlowMaps.ordered(nodes);
    if (!nodes.containsKey(start)) {
      throw new IllegalArgumentException("flow " + id + ": start node '" + start + "' does not exist");
    }
  }

  public Flow(String id, String version, String start, Map<String, FlowNode> nodes) {
    this(id, version, null, null, null, null, null, start, null, nodes);
  }

  public FlowNode node(String nodeId) {
    FlowNode node = nodes.get(nodeId);
    if (node == null) {
      throw new IllegalArgumentException("flow " + id + ": no node '" + nodeId + "'");
    }
    return node;
  }
}
