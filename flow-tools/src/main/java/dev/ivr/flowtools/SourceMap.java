package dev.ivr.flowtools;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each value of a flow file sits: JSON pointer ({@code /nodes/record/settings}) → line and
 * column of its key (or of the element, in arrays). Built by streaming the same parser that read
 * the tree, so YAML and JSON are mapped alike. Lookups fall back to the nearest enclosing value.
 */
public final class SourceMap {

  /** A 1-based line and column; 0 means unknown. */
  public record Position(int line, int column) {
    static final Position UNKNOWN = new Position(0, 0);
  }

  private final Map<String, Position> positions;

  private SourceMap(Map<String, Position> positions) {
    this.positions = Map.copyOf(positions);
  }

  static SourceMap empty() {
    return new SourceMap(Map.of());
  }

  /** Reads every token of {@code parser}; the caller has already checked the syntax. */
  static SourceMap of(JsonParser parser) throws IOException {
    Map<String, Position> positions = new HashMap<>();
    Deque<Frame> stack = new ArrayDeque<>();
    String pendingKey = null;
    Position pendingKeyAt = null;
    for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
      if (token == JsonToken.FIELD_NAME) {
        pendingKey = parser.currentName();
        pendingKeyAt = position(parser.currentTokenLocation());
        continue;
      }
      if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        stack.pop();
        continue;
      }
      String pointer;
      Position at;
      Frame parent = stack.peek();
      if (parent == null) {
        pointer = "";
        at = position(parser.currentTokenLocation());
      } else if (parent.array) {
        pointer = parent.pointer + "/" + parent.nextIndex++;
        at = position(parser.currentTokenLocation());
      } else {
        pointer = parent.pointer + "/" + escape(pendingKey);
        at = pendingKeyAt;
      }
      positions.putIfAbsent(pointer, at);
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        stack.push(new Frame(pointer, token == JsonToken.START_ARRAY));
      }
    }
    return new SourceMap(positions);
  }

  /** The position of {@code pointer}, else of its nearest enclosing value, else unknown. */
  public Position locate(String pointer) {
    for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
      Position found = positions.get(p);
      if (found != null) {
        return found;
      }
      if (p.isEmpty()) {
        return Position.UNKNOWN;
      }
    }
  }

  /** The pointer of a path of names and indexes: {@code ["nodes", "a", "prompts", 0]}. */
  static String pointer(List<?> path) {
    StringBuilder pointer = new StringBuilder();
    for (Object element : path) {
      pointer.append('/').append(escape(String.valueOf(element)));
    }
    return pointer.toString();
  }

  static String pointer(Object... path) {
    return pointer(List.of(path));
  }

  private static String escape(String name) {
    return name == null ? "" : name.replace("~", "~0").replace("/", "~1");
  }

  private static Position position(JsonLocation location) {
    return location == null ? Position.UNKNOWN : new Position(Math.max(0, location.getLineNr()), Math.max(0, location.getColumnNr()));
  }

  private static final class Frame {
    final String pointer;
    final boolean array;
    int nextIndex;

    Frame(String pointer, boolean array) {
      this.pointer = pointer;
      this.array = array;
    }
  }
}
