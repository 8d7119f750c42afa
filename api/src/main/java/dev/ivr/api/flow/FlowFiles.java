package dev.ivr.api.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.RecordNode;
import dev.ivr.workflows.flow.RecordSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a flow file: YAML in the shape of {@link Flow} ({@code id}, {@code start}, {@code nodes}
 * by id, each with a {@code type} of play, record or hangup). The version is not written in the
 * file: it is the sha256 of the file's bytes (12 hex digits), so any edit makes a new version and
 * calls in progress keep theirs. A flow is checked whole (every successor exists) and is either
 * loaded completely or rejected with a message naming the file.
 */
final class FlowFiles {

  static final int VERSION_HEX_DIGITS = 12;

  /**
   * The flow records ignore unknown fields (so workflow histories stay readable as the model grows);
   * a flow file is stricter: a misspelt key is an error, not a silently dropped setting.
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  private interface Strict {}

  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .addMixIn(Flow.class, Strict.class)
          .addMixIn(PlayNode.class, Strict.class)
          .addMixIn(RecordNode.class, Strict.class)
          .addMixIn(RecordSettings.class, Strict.class)
          .addMixIn(HangupNode.class, Strict.class)
          .build();

  private FlowFiles() {}

  static Flow load(Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalStateException("flow file " + file + " cannot be read: " + e, e);
    }
    return parse(content, file.toString());
  }

  static Flow parse(byte[] content, String source) {
    Flow flow;
    try {
      JsonNode tree = YAML.readTree(content);
      if (!(tree instanceof ObjectNode root)) {
        throw new IllegalStateException("flow file " + source + " is not a YAML mapping");
      }
      if (root.has("version")) {
        throw new IllegalStateException(
            "flow file " + source + ": 'version' is computed from the file's content; remove it");
      }
      root.put("version", version(content));
      flow = YAML.treeToValue(root, Flow.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("flow file " + source + " is invalid: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("flow file " + source + " is invalid: " + e.getMessage(), e);
    }
    if (flow == null || flow.nodes().isEmpty()) {
      throw new IllegalStateException("flow file " + source + " has no nodes");
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, FlowNode> entry : flow.nodes().entrySet()) {
      for (String next : successors(entry.getValue())) {
        if (!flow.nodes().containsKey(next)) {
          problems.add("node '" + entry.getKey() + "' goes to '" + next + "', which does not exist");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("flow file " + source + " is invalid: " + String.join("; ", problems));
    }
    return flow;
  }

  /** The prompt keys the flow plays, in order of first use. */
  static Set<String> promptKeys(Flow flow) {
    Set<String> keys = new LinkedHashSet<>();
    for (FlowNode node : flow.nodes().values()) {
      if (node instanceof PlayNode play) {
        keys.addAll(play.prompts());
      } else if (node instanceof RecordNode record && record.prompt() != null) {
        keys.add(record.prompt());
      }
    }
    return keys;
  }

  private static List<String> successors(FlowNode node) {
    if (node instanceof PlayNode play) {
      return play.next() == null ? List.of() : List.of(play.next());
    } else if (node instanceof RecordNode record) {
      List<String> next = new ArrayList<>();
      for (String s : new String[] {record.next(), record.noInput(), record.onError()}) {
        if (s != null) {
          next.add(s);
        }
      }
      return next;
    } else if (node instanceof HangupNode) {
      return List.of();
    }
    throw new IllegalStateException("unknown node type " + node.getClass().getSimpleName());
  }

  static String version(byte[] content) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
      return HexFormat.of().formatHex(hash).substring(0, VERSION_HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
