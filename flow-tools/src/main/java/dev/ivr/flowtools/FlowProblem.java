package dev.ivr.flowtools;

import java.util.List;

/**
 * One thing wrong with a flow, where it is: the file, the 1-based line and column (0 when unknown)
 * and the node id (null for flow-level problems). {@link #toString()} is the one-line form the CLI
 * and the REST endpoint print, e.g. {@code flows/bad/flow.yaml:23: node 'record':
 * maxRecordDurationInSeconds must be within 1..120 s, got 500}.
 */
public record FlowProblem(String file, int line, int column, String nodeId, String message) {

  public FlowProblem {
    file = file == null ? "<flow>" : file;
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("a problem needs a message");
    }
    // one problem, one line: parsers' multi-line messages are folded
    message = message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  static FlowProblem at(String file, SourceMap.Position position, String nodeId, String message) {
    return new FlowProblem(file, position.line(), position.column(), nodeId, message);
  }

  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + ": " + (nodeId == null ? "" : "node '" + nodeId + "': ") + message;
  }

  /** A path into a flow document as people read it: {@code nodes.menu.choices[2]}. */
  static String dotted(List<Object> path) {
    StringBuilder text = new StringBuilder();
    for (Object element : path) {
      if (element instanceof Integer index) {
        text.append('[').append(index).append(']');
      } else {
        text.append(text.length() == 0 ? "" : ".").append(element);
      }
    }
    return text.toString();
  }
}
