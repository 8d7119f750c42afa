package dev.ivr.flowtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flow test case, the file {@code flows/<flow>/tests/<case>.yaml}: a scripted caller, optional
 * stubs of the external systems the flow calls, an optional clock, and what is expected.
 *
 * <pre>
 * name: caller leaves a message        # defaults to the file name
 * clock: 2026-11-23T10:00:00Z          # the workflow clock when the call starts (default: now)
 * variables: {crmBaseUrl: "${stubs}"}  # initial variables; ${stubs} is the stub server's base URL
 * caller:                              # the emulator's caller script (graph-emulator/README.md)
 *   - waitFor: beep
 *   - speak: 3
 * from: "+14255550123"                # the caller's number (default +14255550100): the flow's caller.phone
 * secrets: {crm-api: test-token}       # the worker's secrets during this case (http nodes' auth)
 * callees: {"+15550100200": NO_ANSWER} # how transfer targets behave (emulator Callee outcomes:
 *                                      # ANSWER, NO_ANSWER, UNREACHABLE, NO_ENDPOINTS, BUSY, DECLINED),
 *                                      # optionally with Graph's code/subcode: "UNREACHABLE 408/8544"
 * stubs:
 *   - request: GET /accounts/12345678
 *     status: 200
 *     json: {name: Ada}
 *     failFirst: 1                     # answer 503 this many times first
 *     requireHeaders: {Authorization: Bearer test-token}  # else 401
 *     requireBody: ["+14255550123"]   # texts the request body contains, else 400
 * expect:
 *   outcome: COMPLETED
 *   path: [greeting, record, goodbye, end]
 *   variables: {customerName: Ada}     # a subset of the final variables
 *   recordings: 1
 *   prompts: [en-US/greeting, en-US/goodbye]   # every prompt played, in order, with its locale
 *   locale: en-US                      # the locale every prompt was played in
 *   requests: ['GET /accounts/12345678', 'POST /tickets {"id":"1"}']  # http nodes' requests (retries once)
 *                                      # in a body, "${any}" matches any value; a signed recording
 *                                      # download URL reads "${recordingDownloadUrl}" when the api serves it
 *   transfer: "+15550100200"           # the transfer target
 * </pre>
 */
public record FlowTestCase(
    Path file,
    String flowId,
    String name,
    Instant clock,
    Map<String, Object> variables,
    JsonNode caller,
    Map<String, String> callees,
    List<Stub> stubs,
    Expectation expect,
    String from,
    Map<String, String> secrets) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public FlowTestCase {
    secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
  }

  /** A case from the emulator's default caller (+14255550100), with no worker secrets. */
  public FlowTestCase(Path file, String flowId, String name, Instant clock, Map<String, Object> variables,
      JsonNode caller, Map<String, String> callees, List<Stub> stubs, Expectation expect) {
    this(file, flowId, name, clock, variables, caller, callees, stubs, expect, null, null);
  }

  /**
   * One canned answer of an external system. {@code requireHeaders}: headers the request must carry
   * (e.g. the credentials a worker secret makes), else the stub answers 401; {@code requireBody}:
   * texts its body must contain (e.g. the caller's number), else 400.
   */
  public record Stub(String method, String path, int status, JsonNode json, String text, int failFirst,
      Map<String, String> requireHeaders, List<String> requireBody) {
    public Stub {
      requireHeaders = requireHeaders == null ? Map.of() : Map.copyOf(requireHeaders);
      requireBody = requireBody == null ? List.of() : List.copyOf(requireBody);
    }

    public Stub(String method, String path, int status, JsonNode json, String text, int failFirst) {
      this(method, path, status, json, text, failFirst, null, null);
    }
  }

  /**
   * What the call must do; null fields are not checked. {@code prompts}: every prompt played, in order, as
   * {@code <locale>/<key>}; {@code requests}: the http requests the flow sent, in order, as
   * {@code METHOD /path?query} optionally followed by a space and the body (retries of the same request
   * count once); {@code transfer}: the transfer target's id (a phone number or a user id); {@code locale}:
   * the locale every prompt was played in.
   */
  public record Expectation(String outcome, List<String> path, Map<String, Object> variables, Integer recordings,
      List<String> prompts, List<String> requests, String transfer, String locale) {
    /** Without the observations of the call (prompts, requests, transfer, locale). */
    public Expectation(String outcome, List<String> path, Map<String, Object> variables, Integer recordings) {
      this(outcome, path, variables, recordings, null, null, null, null);
    }
  }

  /** Every case under {@code flowsDir/<flow>/tests/*.yaml}, in file order. */
  public static List<FlowTestCase> discover(Path flowsDir) {
    List<FlowTestCase> cases = new ArrayList<>();
    try (var flows = Files.list(flowsDir)) {
      for (Path flowDir : flows.filter(Files::isDirectory).sorted().toList()) {
        Path tests = flowDir.resolve("tests");
        if (!Files.isDirectory(tests)) {
          continue;
        }
        try (var files = Files.list(tests)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".json"))
              .sorted().toList()) {
            cases.add(read(file, flowDir.getFileName().toString()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list flow tests under " + flowsDir, e);
    }
    return cases;
  }

  @SuppressWarnings("unchecked")
  static FlowTestCase read(Path file, String flowId) {
    try {
      JsonNode root = YAML.readTree(file.toFile());
      String name = root.path("name").asText(file.getFileName().toString().replaceFirst("\\.(yaml|json)$", ""));
      Instant clock = root.hasNonNull("clock") ? Instant.parse(root.get("clock").asText()) : null;
      Map<String, Object> variables = root.has("variables")
          ? YAML.convertValue(root.get("variables"), LinkedHashMap.class) : Map.of();
      if (!root.has("caller")) {
        throw new IllegalArgumentException(file + ": a test case needs a caller script");
      }
      List<Stub> stubs = new ArrayList<>();
      for (JsonNode stub : root.path("stubs")) {
        String[] request = stub.path("request").asText("GET /").split(" ", 2);
        stubs.add(new Stub(request[0], request.length > 1 ? request[1] : "/", stub.path("status").asInt(200),
            stub.get("json"), stub.hasNonNull("text") ? stub.get("text").asText() : null,
            stub.path("failFirst").asInt(0), stringMap(stub.path("requireHeaders")),
            YAML.convertValue(stub.path("requireBody").isMissingNode() ? YAML.createArrayNode() : stub.get("requireBody"),
                List.class)));
      }
      JsonNode e = root.path("expect");
      List<String> path = null;
      if (e.has("path")) {
        path = new ArrayList<>();
        for (JsonNode step : e.get("path")) {
          path.add(step.asText());
        }
      }
      Expectation expect = new Expectation(e.hasNonNull("outcome") ? e.get("outcome").asText() : null, path,
          e.has("variables") ? YAML.convertValue(e.get("variables"), LinkedHashMap.class) : null,
          e.hasNonNull("recordings") ? e.get("recordings").asInt() : null, texts(e.get("prompts")),
          texts(e.get("requests")), e.hasNonNull("transfer") ? e.get("transfer").asText() : null,
          e.hasNonNull("locale") ? e.get("locale").asText() : null);
      Map<String, String> callees = new LinkedHashMap<>();
      root.path("callees").fields().forEachRemaining(f -> callees.put(f.getKey(), f.getValue().asText()));
      return new FlowTestCase(file, flowId, name, clock, variables, root.get("caller"), callees, List.copyOf(stubs),
          expect, root.hasNonNull("from") ? root.get("from").asText() : null, stringMap(root.path("secrets")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read flow test " + file + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    node.fields().forEachRemaining(f -> map.put(f.getKey(), f.getValue().asText()));
    return map;
  }

  private static List<String> texts(JsonNode list) {
    if (list == null || list.isNull()) {
      return null;
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode item : list) {
      texts.add(item.isTextual() ? item.asText() : item.toString());
    }
    return texts;
  }

  @Override
  public String toString() {
    return flowId + " / " + name;
  }
}
