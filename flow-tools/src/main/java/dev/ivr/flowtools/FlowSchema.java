package dev.ivr.flowtools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The published flow schema ({@code flows/schema/flow.schema.json}, packaged with this module), and
 * its errors translated into {@link FlowProblem}s that name the line and the node. Messages for
 * Graph's limits say the limit and the value ({@code maxRecordDurationInSeconds must be within
 * 1..120 s, got 500}).
 */
public final class FlowSchema {

  /** The classpath location of the schema: the same file as {@code flows/schema/flow.schema.json}. */
  public static final String RESOURCE = "/dev/ivr/flowtools/flow.schema.json";

  private static final FlowSchema INSTANCE = new FlowSchema();

  private final byte[] content;
  private final JsonNode schemaTree;
  private final JsonSchema schema;

  private FlowSchema() {
    try (InputStream in = FlowSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the flow schema " + RESOURCE + " is missing from the classpath");
      }
      content = in.readAllBytes();
      schemaTree = new ObjectMapper().readTree(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaTree, config);
  }

  public static FlowSchema get() {
    return INSTANCE;
  }

  /** The schema file's bytes (UTF-8 JSON), as published in {@code flows/schema/flow.schema.json}. */
  public byte[] content() {
    return content.clone();
  }

  /** The schema errors of a flow document, in file order; empty when it conforms. */
  List<FlowProblem> validate(JsonNode document, SourceMap lines, String file) {
    Set<ValidationMessage> messages = schema.validate(document);
    List<FlowProblem> problems = new ArrayList<>();
    for (ValidationMessage message : messages) {
      if (!("required".equals(message.getType()) && schemaLocation(message).startsWith(SAY_ITEM_ONE_OF))) {
        problems.add(translate(message, document, lines, file));
      }
    }
    problems.sort(Comparator.comparingInt(FlowProblem::line).thenComparingInt(FlowProblem::column));
    return problems.stream().distinct().toList();
  }

  private FlowProblem translate(ValidationMessage message, JsonNode document, SourceMap lines, String file) {
    List<Object> path = elements(message.getInstanceLocation());
    String nodeId = path.size() >= 2 && "nodes".equals(path.get(0)) ? String.valueOf(path.get(1)) : null;
    List<Object> relative = nodeId == null ? path : path.subList(2, path.size());
    String where = relative.isEmpty() ? "" : FlowProblem.dotted(relative);
    String pointer = SourceMap.pointer(path);
    JsonNode value = document.at(pointer);
    String keyword = message.getType();
    String property = message.getProperty();
    String text;
    switch (keyword) {
      case "additionalProperties" -> {
        pointer = pointer + "/" + property.replace("~", "~0").replace("/", "~1");
        text = "unknown key '" + property + "'" + (where.isEmpty() ? "" : " in " + where);
        if (nodeId == null && path.isEmpty() && "version".equals(property)) {
          text = "'version' is computed from the file's content (its sha256); remove it";
        }
      }
      case "required" -> text = "missing required key '" + property + "'" + (where.isEmpty() ? "" : " in " + where);
      case "minimum", "maximum" -> text = range(message, where, value);
      case "enum" -> text = enumMessage(message, where, value, relative);
      case "type" -> text = typeMessage(message, where, value, relative, document, nodeId);
      case "oneOf" -> text = schemaLocation(message).startsWith(SAY_ITEM_ONE_OF)
          ? where + ": a say item takes exactly one of prompt, number, digits, amount, date"
          : stripLocation(message.getMessage(), where);
      case "pattern" -> text = where.startsWith("outbound.retry.delays")
          ? where + " must be an ISO-8601 duration in hours, minutes and seconds (PT5M, PT1H30M), got '" + value.asText() + "'"
          : stripLocation(message.getMessage(), where);
      case "not" -> text = where + " '" + value.asText() + "' is reserved: 'return' ends a subflow and names no node";
      default -> text = stripLocation(message.getMessage(), where);
    }
    return FlowProblem.at(file, lines.locate(pointer), nodeId, text);
  }

  /**
   * A say item's kinds are a oneOf of one required key each: networknt reports a failing branch's
   * missing key beside the oneOf error (even when two branches match), which misleads, so those are
   * dropped and the oneOf says what is wrong.
   */
  private static final String SAY_ITEM_ONE_OF = "/definitions/sayItem/oneOf";

  private static String schemaLocation(ValidationMessage message) {
    return message.getSchemaLocation() == null || message.getSchemaLocation().getFragment() == null
        ? "" : message.getSchemaLocation().getFragment().toString();
  }

  private String range(ValidationMessage message, String where, JsonNode value) {
    String location = message.getSchemaLocation() == null ? "" : message.getSchemaLocation().getFragment().toString();
    JsonNode limits = schemaTree.at(location.substring(0, Math.max(0, location.lastIndexOf('/'))));
    String name = where.substring(where.lastIndexOf('.') + 1);
    String unit = name.endsWith("Seconds") ? " s" : name.endsWith("Millis") ? " ms" : "";
    if (limits.has("minimum") && limits.has("maximum")) {
      String text = name + " must be within " + limits.get("minimum").asText() + ".." + limits.get("maximum").asText()
          + unit + ", got " + value.asText();
      return name.endsWith("InSeconds") ? text + " (Graph's recordResponse limit)" : text;
    }
    return stripLocation(message.getMessage(), where) + ", got " + value.asText();
  }

  private static String enumMessage(ValidationMessage message, String where, JsonNode value, List<Object> relative) {
    if (relative.size() == 1 && "type".equals(relative.get(0))) {
      return "unknown node type '" + value.asText()
          + "'; one of play, menu, collectDigits, record, set, branch, http, businessHours, subflow, transfer, hangup";
    }
    if (where.contains("stopTones")) {
      return "stopTones must be among 0-9, * and #, got '" + value.asText() + "'";
    }
    return stripLocation(message.getMessage(), where) + ", got '" + value.asText() + "'";
  }

  private static String typeMessage(
      ValidationMessage message, String where, JsonNode value, List<Object> relative, JsonNode document, String nodeId) {
    if (nodeId != null && relative.size() == 1 && "prompt".equals(relative.get(0)) && value.isArray()
        && "record".equals(document.path("nodes").path(nodeId).path("type").asText())) {
      return "record plays at most 1 prompt (Graph's recordResponse limit), got " + value.size()
          + "; play the others in a play node before it";
    }
    return stripLocation(message.getMessage(), where);
  }

  /** networknt prefixes messages with the instance location; we say the location our own way. */
  private static String stripLocation(String text, String where) {
    int colon = text.indexOf(": ");
    String bare = text.startsWith("/") || text.startsWith("$") ? text.substring(colon + 2) : text;
    return where.isEmpty() ? bare : where + " " + bare;
  }

  private static List<Object> elements(JsonNodePath path) {
    List<Object> elements = new ArrayList<>();
    for (int i = 0; i < path.getNameCount(); i++) {
      elements.add(path.getElement(i));
    }
    return elements;
  }
}
