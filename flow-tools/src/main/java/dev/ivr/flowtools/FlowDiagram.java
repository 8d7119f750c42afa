package dev.ivr.flowtools;

import dev.ivr.workflows.flow.BranchNode;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A flow as a diagram: its nodes (id, type) and its edges, each labelled with what takes it (a
 * menu key, a record outcome, a branch condition, {@code error}, or nothing for a plain
 * {@code next}). The operator console draws it; the edges are exactly those the validator checks.
 */
public record FlowDiagram(String flowId, String version, String start, String onHangup, List<Node> nodes,
    List<Edge> edges) {

  public FlowDiagram {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /** A node: its id and its type as written in the flow file ({@code menu}, {@code play}…). */
  public record Node(String id, String type) {}

  /** {@code from} can go to {@code to} when {@code label} happens (empty for a plain next). */
  public record Edge(String from, String to, String label) {}

  public static FlowDiagram of(Flow flow) {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    flow.nodes().forEach((id, node) -> {
      nodes.add(new Node(id, FlowNode.typeName(node)));
      for (FlowGraph.Ref ref : FlowGraph.successors(node)) {
        edges.add(new Edge(id, ref.value(), label(node, ref.path())));
      }
    });
    return new FlowDiagram(flow.id(), flow.version(), flow.start(), flow.onHangup(), nodes, edges);
  }

  private static String label(FlowNode node, List<Object> path) {
    String field = String.valueOf(path.get(0));
    return switch (field) {
      case "next" -> "";
      case "choices" -> "key " + path.get(1);
      case "outcomes" -> String.valueOf(path.get(1));
      case "conditions" -> node instanceof BranchNode branch
          ? "when " + branch.conditions().get((Integer) path.get(1)).when() : field;
      case "onError" -> "error";
      default -> field;
    };
  }
}
