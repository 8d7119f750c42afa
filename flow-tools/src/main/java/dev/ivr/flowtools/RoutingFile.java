package dev.ivr.flowtools;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code routing.yaml} as read (see {@link RoutingTable} for the format): the table, each route as
 * written and where, and the source map that gives a problem its line. Reading checks the file's
 * shape (keys, ids, identities routed twice); the repository then checks its targets against the
 * flows it loaded.
 */
record RoutingFile(RoutingTable table, Map<String, RoutingFile.RawRoute> rawRoutes, String file, SourceMap lines) {

  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** A problem at {@code path} of the file, with its line. */
  FlowProblem problem(String message, Object... path) {
    return FlowProblem.at(file, lines.locate(SourceMap.pointer(path)), null, message);
  }

  /** Reads and checks the routing file; null, with the problems added, when it cannot be used. */
  static RoutingFile read(Path path, List<FlowProblem> problems) {
    String file = path.toString();
    byte[] content;
    try {
      content = Files.readAllBytes(path);
    } catch (IOException e) {
      problems.add(new FlowProblem(file, 0, 0, null, "the routing table cannot be read: " + e));
      return null;
    }
    JsonNode tree;
    SourceMap lines;
    try (JsonParser parser = YAML.getFactory().createParser(content)) {
      tree = YAML.readTree(parser);
      try (JsonParser again = YAML.getFactory().createParser(content)) {
        lines = SourceMap.of(again);
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      problems.add(new FlowProblem(file, line, 0, null, "not valid YAML: " + e.getOriginalMessage()));
      return null;
    } catch (IOException | RuntimeException e) {
      problems.add(new FlowProblem(file, 0, 0, null, "cannot be parsed: " + e.getMessage()));
      return null;
    }
    if (!(tree instanceof ObjectNode root)) {
      problems.add(new FlowProblem(file, 1, 1, null, "the routing table is a mapping with default, aliases and routes"));
      return null;
    }
    List<FlowProblem> found = new ArrayList<>();
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!Set.of("default", "aliases", "routes").contains(name)) {
        found.add(FlowProblem.at(file, lines.locate("/" + name), null, "unknown key '" + name
            + "'; the routing table has default, aliases and routes"));
      }
    }
    if (!root.path("default").isTextual()) {
      found.add(FlowProblem.at(file, lines.locate("/default"), null, "'default' must name a flow id or alias"));
    }
    Map<String, String> aliases = stringMap(root, "aliases", file, lines, found, "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$",
        "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}(@[0-9a-f]{12})?$");
    Map<String, Map<String, Integer>> splits = splits(root, file, lines, found);
    Map<String, RawRoute> routes = routes(root, file, lines, found);
    Set<String> seen = new LinkedHashSet<>();
    routes.forEach((identity, route) -> {
      if (!seen.add(RoutingTable.normalise(identity))) {
        found.add(FlowProblem.at(file, lines.locate(SourceMap.pointer(route.path())), null,
            "identity '" + identity + "' is routed twice (identities match ignoring case and phone punctuation)"));
      }
    });
    problems.addAll(found);
    if (!found.isEmpty()) {
      return null;
    }
    Map<String, RoutingTable.Route> table = new LinkedHashMap<>();
    routes.forEach((identity, route) -> table.put(identity, new RoutingTable.Route(route.flow(), route.variables())));
    return new RoutingFile(new RoutingTable(root.get("default").asText(), aliases, table, splits), routes, file, lines);
  }

  /** A route as written, and where. */
  record RawRoute(String flow, Map<String, Object> variables, List<Object> path) {}

  private static final String TARGET = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";
  private static final String IDENTITY = "^\\S.{0,255}$";
  private static final String VARIABLE = "^[A-Za-z_][A-Za-z0-9_]{0,63}$";

  /** {@code routes}: a mapping identity → flow id or alias, or a list of {identity, flow, variables}. */
  private static Map<String, RawRoute> routes(ObjectNode root, String file, SourceMap lines, List<FlowProblem> problems) {
    JsonNode node = root.get("routes");
    Map<String, RawRoute> routes = new LinkedHashMap<>();
    if (node == null || node.isNull() || node.isObject()) {
      stringMap(root, "routes", file, lines, problems, IDENTITY, TARGET).forEach((identity, target) ->
          routes.put(identity, new RawRoute(target, Map.of(), List.of("routes", identity))));
      return routes;
    }
    if (!node.isArray()) {
      problems.add(FlowProblem.at(file, lines.locate("/routes"), null,
          "'routes' must be a mapping (identity: flow) or a list of {identity, flow, variables}"));
      return routes;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode entry = node.get(i);
      List<Object> path = List.of("routes", i);
      SourceMap.Position at = lines.locate(SourceMap.pointer(path));
      String problem = routeProblem(entry);
      if (problem != null) {
        problems.add(FlowProblem.at(file, at, null, problem));
        continue;
      }
      String identity = entry.get("identity").asText();
      Map<String, Object> values = new LinkedHashMap<>();
      JsonNode variables = entry.get("variables");
      if (variables != null && variables.isObject()) {
        variables.fields().forEachRemaining(v -> values.put(v.getKey(), YAML.convertValue(v.getValue(), Object.class)));
      }
      if (routes.containsKey(identity)) {
        problems.add(FlowProblem.at(file, at, null, "identity '" + identity + "' is routed twice"));
      }
      routes.put(identity, new RawRoute(entry.get("flow").asText(), values, path));
    }
    return routes;
  }

  private static String routeProblem(JsonNode entry) {
    if (!entry.isObject()) {
      return "a route is {identity, flow, variables}";
    }
    for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!Set.of("identity", "flow", "variables").contains(name)) {
        return "unknown key '" + name + "' in a route; a route has identity, flow and variables";
      }
    }
    if (!entry.path("identity").isTextual() || !entry.get("identity").asText().matches(IDENTITY)) {
      return "a route needs an identity (an application instance id, an application id or a phone number)";
    }
    String identity = entry.get("identity").asText();
    if (!entry.path("flow").isTextual() || !entry.get("flow").asText().matches(TARGET)) {
      return "route '" + identity + "' needs a flow (a flow id or alias)";
    }
    JsonNode variables = entry.get("variables");
    if (variables != null && !variables.isNull() && !variables.isObject()) {
      return "the variables of route '" + identity + "' must be a mapping";
    }
    if (variables != null && variables.isObject()) {
      for (Iterator<String> names = variables.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!name.matches(VARIABLE)) {
          return "route '" + identity + "': variable name '" + name + "' is not an identifier";
        }
      }
    }
    return null;
  }

  /**
   * The aliases written {@code {split: {<target>: <percent>, …}}}: two or more targets (a flow id,
   * optionally {@code @<12-hex version>}), whole percentages that add up to 100.
   */
  private static Map<String, Map<String, Integer>> splits(ObjectNode root, String file, SourceMap lines,
      List<FlowProblem> problems) {
    Map<String, Map<String, Integer>> splits = new LinkedHashMap<>();
    JsonNode aliases = root.get("aliases");
    if (aliases == null || !aliases.isObject()) {
      return splits;
    }
    aliases.fields().forEachRemaining(entry -> {
      if (!entry.getValue().isObject()) {
        return;
      }
      String alias = entry.getKey();
      SourceMap.Position at = lines.locate(SourceMap.pointer("aliases", alias));
      JsonNode split = entry.getValue().get("split");
      if (entry.getValue().size() != 1 || split == null || !split.isObject() || split.size() < 2) {
        problems.add(FlowProblem.at(file, at, null, "alias '" + alias
            + "' must name a flow id or split calls: {split: {<flow id[@version]>: <percent>, ...}} with two or more targets"));
        return;
      }
      Map<String, Integer> arms = new LinkedHashMap<>();
      int total = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = split.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> arm = it.next();
        SourceMap.Position armAt = lines.locate(SourceMap.pointer("aliases", alias, "split", arm.getKey()));
        if (!arm.getKey().matches("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}(@[0-9a-f]{12})?$")) {
          problems.add(FlowProblem.at(file, armAt, null, "split alias '" + alias + "': '" + arm.getKey()
              + "' must name a flow id (optionally @<12-hex version>)"));
          return;
        }
        if (!arm.getValue().canConvertToExactIntegral() || arm.getValue().asInt() < 0 || arm.getValue().asInt() > 100) {
          problems.add(FlowProblem.at(file, armAt, null, "split alias '" + alias + "': the share of '" + arm.getKey()
              + "' must be a whole percentage from 0 to 100, got " + arm.getValue()));
          return;
        }
        arms.put(arm.getKey(), arm.getValue().asInt());
        total += arm.getValue().asInt();
      }
      if (total != 100) {
        problems.add(FlowProblem.at(file, at, null, "split alias '" + alias + "' adds up to " + total
            + "%, not 100%: " + arms));
        return;
      }
      splits.put(alias, arms);
    });
    return splits;
  }

  private static Map<String, String> stringMap(ObjectNode root, String field, String file, SourceMap lines,
      List<FlowProblem> problems, String keyPattern, String valuePattern) {
    Map<String, String> map = new LinkedHashMap<>();
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return map;
    }
    if (!node.isObject()) {
      problems.add(FlowProblem.at(file, lines.locate("/" + field), null, "'" + field + "' must be a mapping"));
      return map;
    }
    node.fields().forEachRemaining(entry -> {
      String pointer = SourceMap.pointer(field, entry.getKey());
      if ("aliases".equals(field) && entry.getValue().isObject()) {
        return; // a split: read by splits()
      }
      if (!entry.getKey().matches(keyPattern)) {
        problems.add(FlowProblem.at(file, lines.locate(pointer), null, field + " key '" + entry.getKey() + "' is invalid"));
      } else if (!entry.getValue().isTextual() || !entry.getValue().asText().matches(valuePattern)) {
        problems.add(FlowProblem.at(file, lines.locate(pointer), null, field + "." + entry.getKey()
            + " must name a flow id or alias" + ("aliases".equals(field) ? " (optionally @<12-hex version>)" : "")
            + ", got " + entry.getValue()));
      } else {
        map.put(entry.getKey(), entry.getValue().asText());
      }
    });
    return map;
  }
}
