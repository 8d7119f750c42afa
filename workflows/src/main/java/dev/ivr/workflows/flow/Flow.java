package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An IVR flow: its id, its version (the content hash of its definition) and its nodes by id. The
 * whole definition travels in the workflow input, so a call is pinned to the version it started with.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Flow(String id, String version, String start, Map<String, FlowNode> nodes) {
  public Flow {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("flow id is required");
    }
    nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    if (!nodes.containsKey(start)) {
      throw new IllegalArgumentException("flow " + id + ": start node '" + start + "' does not exist");
    }
  }

  public FlowNode node(String nodeId) {
    FlowNode node = nodes.get(nodeId);
    if (node == null) {
      throw new IllegalArgumentException("flow " + id + ": no node '" + nodeId + "'");
    }
    return node;
  }
}
