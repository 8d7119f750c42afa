package dev.ivr.flowtools;

import dev.ivr.workflows.flow.Flow;

/**
 * A flow as read from its file: the model (its version = the first 12 hex digits of the file's
 * sha256), the file it came from, and where each of its values sits in that file, so that later
 * checks can name the line.
 */
public record LoadedFlow(Flow flow, String file, SourceMap lines) {
  public LoadedFlow {
    if (flow == null || file == null || lines == null) {
      throw new IllegalArgumentException("flow, file and lines are required");
    }
  }

  public String id() {
    return flow.id();
  }

  public String version() {
    return flow.version();
  }

  /** A problem located at {@code path} (names and indexes from the document's root). */
  FlowProblem problem(String nodeId, String message, Object... path) {
    return FlowProblem.at(file, lines.locate(SourceMap.pointer(path)), nodeId, message);
  }
}
