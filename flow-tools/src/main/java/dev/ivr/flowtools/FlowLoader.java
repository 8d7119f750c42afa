package dev.ivr.flowtools;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ivr.workflows.flow.BranchNode;
import dev.ivr.workflows.flow.BusinessHoursNode;
import dev.ivr.workflows.flow.CollectDigitsNode;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.HttpNode;
import dev.ivr.workflows.flow.MenuNode;
import dev.ivr.workflows.flow.OutboundOptions;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.RecordNode;
import dev.ivr.workflows.flow.RecordSettings;
import dev.ivr.workflows.flow.SayItem;
import dev.ivr.workflows.flow.SetNode;
import dev.ivr.workflows.flow.SubflowNode;
import dev.ivr.workflows.flow.TransferNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a flow file, YAML or JSON, into a {@link Flow}, all or nothing:
 *
 * <ol>
 *   <li>syntax (duplicate keys and a second YAML document are errors);
 *   <li>the published {@link FlowSchema} (unknown keys, types, Graph's limits);
 *   <li>the model's own checks, node by node, so each error names its node.
 * </ol>
 *
 * The version is not written in the file: it is the first 12 hex digits of the sha256 of the file's
 * bytes, so any edit makes a new version. Every error names the file, the line and the node id. The
 * checks that need the whole flow (references, reachability, prompts, CEL) are {@link FlowValidator}'s.
 */
public final class FlowLoader {

  public static final int VERSION_HEX_DIGITS = 12;
  /** Flow files are small; a bigger one is a mistake (or an attack on the parser). */
  public static final int MAX_BYTES = 1024 * 1024;

  /** The flow records ignore unknown fields for history compatibility; a flow file must not. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  private interface Strict {}

  private static final ObjectMapper YAML = strict(YAMLMapper.builder(new YAMLFactory()));
  private static final ObjectMapper JSON = strict(JsonMapper.builder(new JsonFactory()));

  private static ObjectMapper strict(com.fasterxml.jackson.databind.cfg.MapperBuilder<?, ?> builder) {
    builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION);
    for (Class<?> type : List.of(Flow.class, PlayNode.class, MenuNode.class, CollectDigitsNode.class, RecordNode.class,
        RecordSettings.class, SetNode.class, BranchNode.class, BranchNode.Condition.class, HttpNode.class,
        HttpNode.Retry.class, BusinessHoursNode.class, SubflowNode.class, TransferNode.class, HangupNode.class,
        SayItem.class, OutboundOptions.class, OutboundOptions.Retry.class)) {
      builder.addMixIn(type, Strict.class);
    }
    return builder.build();
  }

  private FlowLoader() {}

  /** Reads and checks {@code file}; throws {@link FlowException} naming every problem. */
  public static LoadedFlow load(Path file) {
    String name = file.toString();
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new FlowException(List.of(new FlowProblem(name, 0, 0, null, "larger than " + MAX_BYTES + " bytes")));
      }
      return parse(Files.readAllBytes(file), name);
    } catch (IOException e) {
      throw new FlowException(List.of(new FlowProblem(name, 0, 0, null, "cannot be read: " + e)));
    }
  }

  /** Parses {@code content} (YAML, or JSON when it starts with '{'); {@code file} names it in errors. */
  public static LoadedFlow parse(byte[] content, String file) {
    if (content.length > MAX_BYTES) {
      throw new FlowException(List.of(new FlowProblem(file, 0, 0, null, "larger than " + MAX_BYTES + " bytes")));
    }
    ObjectMapper mapper = isJson(content, file) ? JSON : YAML;
    JsonNode tree;
    SourceMap lines;
    try {
      tree = readTree(mapper, content);
      try (JsonParser parser = mapper.getFactory().createParser(content)) {
        lines = SourceMap.of(parser);
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new FlowException(List.of(new FlowProblem(
          file, at == null ? 0 : Math.max(0, at.getLineNr()), at == null ? 0 : Math.max(0, at.getColumnNr()), null,
          "not valid " + (mapper == JSON ? "JSON" : "YAML") + ": " + e.getOriginalMessage())));
    } catch (IOException | RuntimeException e) {
      // SnakeYAML reports some malformed input (bad escapes, alias bombs) as its own runtime exceptions
      throw new FlowException(List.of(new FlowProblem(file, 0, 0, null, "cannot be parsed: " + e.getMessage())));
    }
    if (!(tree instanceof ObjectNode root)) {
      throw new FlowException(List.of(new FlowProblem(file, 1, 1, null,
          "a flow is a mapping with id, start and nodes, got " + (tree == null ? "an empty document" : tree.getNodeType()))));
    }
    List<FlowProblem> problems = FlowSchema.get().validate(root, lines, file);
    if (!problems.isEmpty()) {
      throw new FlowException(problems);
    }
    Flow flow = bind(mapper, root, version(content), lines, file);
    return new LoadedFlow(flow, file, lines);
  }

  /** The version of a flow file: the first 12 hex digits of the sha256 of its bytes. */
  public static String version(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, VERSION_HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode readTree(ObjectMapper mapper, byte[] content) throws IOException {
    try (JsonParser parser = mapper.getFactory().createParser(content)) {
      JsonNode tree = mapper.readTree(parser);
      if (parser.nextToken() != null) {
        throw new com.fasterxml.jackson.core.JsonParseException(parser,
            "more than one document: a flow file holds exactly one flow");
      }
      return tree;
    }
  }

  private static Flow bind(ObjectMapper mapper, ObjectNode root, String version, SourceMap lines, String file) {
    List<FlowProblem> problems = new ArrayList<>();
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    root.path("nodes").fields().forEachRemaining(entry -> {
      try {
        nodes.put(entry.getKey(), mapper.treeToValue(entry.getValue(), FlowNode.class));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        problems.add(bindingProblem(e, List.of("nodes", entry.getKey()), entry.getKey(), lines, file));
      }
    });
    OutboundOptions outbound = null;
    if (root.hasNonNull("outbound")) {
      try {
        outbound = mapper.treeToValue(root.get("outbound"), OutboundOptions.class);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        problems.add(bindingProblem(e, List.of("outbound"), null, lines, file));
      }
    }
    if (!problems.isEmpty()) {
      throw new FlowException(problems);
    }
    try {
      return new Flow(
          root.path("id").asText(),
          version,
          root.hasNonNull("description") ? root.get("description").asText() : null,
          root.has("locales") ? mapper.convertValue(root.get("locales"), LIST_OF_STRINGS) : null,
          root.hasNonNull("localeVariable") ? root.get("localeVariable").asText() : null,
          root.has("variables") ? mapper.convertValue(root.get("variables"), MAP_OF_OBJECTS) : null,
          root.has("redact") ? mapper.convertValue(root.get("redact"), LIST_OF_STRINGS) : null,
          root.has("secure") ? mapper.convertValue(root.get("secure"), LIST_OF_STRINGS) : null,
          root.path("start").asText(),
          root.hasNonNull("onHangup") ? root.get("onHangup").asText() : null,
          nodes,
          outbound);
    } catch (IllegalArgumentException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      String at = message.contains("start node") ? "/start" : "";
      String text = message.startsWith("flow ") && message.indexOf(": ") > 0 ? message.substring(message.indexOf(": ") + 2) : message;
      throw new FlowException(List.of(FlowProblem.at(file, lines.locate(at), null, text)));
    }
  }

  private static FlowProblem bindingProblem(Exception e, List<Object> base, String nodeId, SourceMap lines, String file) {
    List<Object> path = new ArrayList<>(base);
    String message = e.getMessage();
    if (e instanceof JsonMappingException mapping) {
      for (JsonMappingException.Reference reference : mapping.getPath()) {
        path.add(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex());
      }
      message = mapping.getOriginalMessage();
      // a compact constructor's IllegalArgumentException arrives wrapped: its message is the useful part
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof IllegalArgumentException iae && iae.getMessage() != null) {
          message = iae.getMessage();
        }
      }
    }
    return FlowProblem.at(file, lines.locate(SourceMap.pointer(path)), nodeId, message);
  }

  private static boolean isJson(byte[] content, String file) {
    if (file != null && file.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
      return true;
    }
    for (byte b : content) {
      if (b == '{') {
        return true;
      }
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
        return false;
      }
    }
    return false;
  }

  private static final com.fasterxml.jackson.core.type.TypeReference<List<String>> LIST_OF_STRINGS =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};
  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP_OF_OBJECTS =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};
}
