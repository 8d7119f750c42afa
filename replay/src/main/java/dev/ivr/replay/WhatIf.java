package dev.ivr.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivr.flowtest.FlowTestCase;
import dev.ivr.flowtest.FlowTestRunner;
import dev.ivr.flowtest.FlowTestResult;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What-if replay: what would this past caller have heard from the flow as it is today? The caller's
 * inputs are reconstructed from the stored history ({@link CallerInputs}), played by the emulator
 * against the current version of the call's flow, and the new path is reported beside the old one.
 *
 * <p>{@code what-if --history=FILE [--flows=flows] [--time-scale=10] [--recorded-time-scale=N]}
 */
public final class WhatIf {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WhatIf() {}

  /** The old and the new run of one call, and the first step at which their paths differ (-1: none). */
  public record Report(
      String workflowId,
      String flowId,
      CallerInputs inputs,
      String oldOutcome,
      List<String> oldPath,
      String newOutcome,
      List<String> newPath,
      int firstDifference) {

    public boolean differs() {
      return firstDifference >= 0 || !java.util.Objects.equals(oldOutcome, newOutcome);
    }

    /** The reconstructed caller, then both paths side by side with the first difference marked. */
    public String describe() {
      StringBuilder out = new StringBuilder();
      out.append("what-if ").append(workflowId).append(" against the current flow '").append(flowId).append("'\n");
      out.append("caller reconstructed from the history (emulated seconds after established):\n");
      inputs.timeline().forEach(i -> out.append("  ").append(i).append('\n'));
      inputs.notes().forEach(n -> out.append("  note: ").append(n).append('\n'));
      out.append("caller script: ").append(inputs.script().toJson()).append('\n');
      out.append(String.format("  %-4s %-28s %s%n", "step", "old path (history)", "new path (current flow)"));
      for (int i = 0; i < Math.max(oldPath.size(), newPath.size()); i++) {
        String was = i < oldPath.size() ? oldPath.get(i) : "";
        String now = i < newPath.size() ? newPath.get(i) : "";
        out.append(String.format("%s %-4d %-28s %s%n", i == firstDifference ? "≠>" : was.equals(now) ? "  " : "≠ ",
            i + 1, was, now));
      }
      out.append(String.format("  outcome: %s → %s%n", oldOutcome, newOutcome));
      if (!differs()) {
        out.append("the current flow takes the same path\n");
      } else if (firstDifference >= 0) {
        out.append("first difference at step ").append(firstDifference + 1).append(": ")
            .append(at(oldPath, firstDifference)).append(" → ").append(at(newPath, firstDifference)).append('\n');
        out.append("differing path: ").append(String.join(" → ", newPath.subList(Math.min(firstDifference,
            newPath.size()), newPath.size()))).append('\n');
      } else {
        out.append("same path, different outcome\n");
      }
      return out.toString();
    }

    private static String at(List<String> path, int i) {
      return i < path.size() ? path.get(i) : "(end)";
    }
  }

  /** Reconstructs the caller of {@code history} and runs it against {@code flowsDir}'s current flow. */
  public static Report run(WorkflowExecutionHistory history, Path flowsDir, double timeScale) {
    return run(history, flowsDir, timeScale, 0);
  }

  /**
   * As {@link #run(WorkflowExecutionHistory, Path, double)}, for a history whose emulator ran
   * {@code recordedTimeScale} times faster than real time (0: from the history).
   */
  public static Report run(WorkflowExecutionHistory history, Path flowsDir, double timeScale,
      double recordedTimeScale) {
    JsonNode input = startInput(history);
    String flowId = input.path("flow").path("id").asText();
    if (!Files.isRegularFile(flowsDir.resolve(flowId).resolve("flow.yaml"))) {
      throw new IllegalArgumentException("no current flow " + flowsDir.resolve(flowId) + "/flow.yaml");
    }
    CallerInputs inputs = CallerInputs.of(history, recordedTimeScale);
    Stubs stubs = Stubs.of(history, input);
    FlowTestCase testCase = new FlowTestCase(flowsDir.resolve(flowId).resolve("what-if.yaml"), flowId,
        "what-if of " + history.getWorkflowExecution().getWorkflowId(), clock(history, input), stubs.variables(),
        inputs.script().toJson(), inputs.callees(), stubs.stubs(),
        new FlowTestCase.Expectation(null, null, null, null));
    FlowTestResult result;
    try (FlowTestRunner runner = new FlowTestRunner(flowsDir, timeScale)) {
      result = runner.run(testCase);
      if (result.path().isEmpty() && !result(history).path("path").isEmpty()) {
        // a cold JVM can miss the emulator's time-compressed answer deadline; the second run is warm
        result = runner.run(testCase);
      }
    }
    if (result.outcome() == null) {
      throw new IllegalStateException("the what-if call did not finish: " + result.mismatches());
    }
    JsonNode old = result(history);
    List<String> oldPath = new ArrayList<>();
    old.path("path").forEach(step -> {
      if (!step.path("nodeId").asText().equals("answer")) {
        oldPath.add(step.path("nodeId").asText());
      }
    });
    List<String> newPath = result.path();
    int first = -1;
    for (int i = 0; i < Math.max(oldPath.size(), newPath.size()); i++) {
      if (i >= oldPath.size() || i >= newPath.size() || !oldPath.get(i).equals(newPath.get(i))) {
        first = i;
        break;
      }
    }
    return new Report(history.getWorkflowExecution().getWorkflowId(), flowId, inputs,
        old.path("outcome").asText(null), oldPath, result.outcome(), newPath, first);
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    String file = ReplayMain.option(args, "--history=", null);
    if (file == null) {
      err.println("usage: what-if --history=FILE [--flows=flows] [--time-scale=10] [--recorded-time-scale=N]"
          + " [--payload-keys-file=FILE]");
      return 2;
    }
    Path flows = Path.of(ReplayMain.option(args, "--flows=", "flows"));
    double timeScale = Double.parseDouble(ReplayMain.option(args, "--time-scale=", "10"));
    WorkflowExecutionHistory history;
    // what-if reads the caller's keys and the stubs' answers from the payloads: decrypted first
    String json = ReplayKeys.decrypted(Files.readString(Path.of(file)), ReplayKeys.fromArgs(args));
    try (InputStream in = new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      history = HistoryCorpus.parse(in, file, dev.ivr.codec.PayloadKeys.NONE);
    }
    double recorded = Double.parseDouble(ReplayMain.option(args, "--recorded-time-scale=", "0"));
    out.print(run(history, flows, timeScale, recorded).describe());
    return 0;
  }

  static JsonNode startInput(WorkflowExecutionHistory history) {
    HistoryEvent started = history.getEvents().get(0);
    return payload(started.getWorkflowExecutionStartedEventAttributes().getInput());
  }

  /**
   * The workflow clock for the new run: the old call's start time when its flow reads the clock (a
   * businessHours node), so "after hours" stays after hours; otherwise now.
   */
  private static Instant clock(WorkflowExecutionHistory history, JsonNode input) {
    return input.toString().contains("\"type\":\"businessHours\"") ? startTime(history) : null;
  }

  static Instant startTime(WorkflowExecutionHistory history) {
    var t = history.getEvents().get(0).getEventTime();
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  /** The workflow's result (a CallResult), or an empty object when the call did not complete. */
  static JsonNode result(WorkflowExecutionHistory history) {
    for (HistoryEvent e : history.getEvents()) {
      if (e.hasWorkflowExecutionCompletedEventAttributes()) {
        return payload(e.getWorkflowExecutionCompletedEventAttributes().getResult());
      }
    }
    return JSON.createObjectNode();
  }

  static JsonNode payload(Payloads payloads) {
    if (payloads.getPayloadsCount() == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(payloads.getPayloads(0).getData().toByteArray());
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  static long millis(HistoryEvent e) {
    return e.getEventTime().getSeconds() * 1000 + e.getEventTime().getNanos() / 1_000_000;
  }

  /** Canned answers of the external systems, as the history's http activities received them. */
  record Stubs(List<FlowTestCase.Stub> stubs, Map<String, Object> variables) {
    static Stubs of(WorkflowExecutionHistory history, JsonNode input) {
      Map<Long, JsonNode> requests = new LinkedHashMap<>();
      Map<Long, Integer> attempts = new LinkedHashMap<>();
      List<FlowTestCase.Stub> stubs = new ArrayList<>();
      String origin = null;
      for (HistoryEvent e : history.getEvents()) {
        if (e.hasActivityTaskScheduledEventAttributes()
            && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("Request")) {
          requests.put(e.getEventId(), payload(e.getActivityTaskScheduledEventAttributes().getInput()));
        } else if (e.hasActivityTaskStartedEventAttributes()) {
          attempts.put(e.getActivityTaskStartedEventAttributes().getScheduledEventId(),
              e.getActivityTaskStartedEventAttributes().getAttempt());
        } else if (e.hasActivityTaskCompletedEventAttributes()) {
          long scheduled = e.getActivityTaskCompletedEventAttributes().getScheduledEventId();
          JsonNode request = requests.get(scheduled);
          if (request == null) {
            continue;
          }
          JsonNode response = payload(e.getActivityTaskCompletedEventAttributes().getResult());
          java.net.URI uri = java.net.URI.create(request.path("url").asText());
          origin = uri.getScheme() + "://" + uri.getRawAuthority();
          JsonNode json = response.get("json");
          boolean structured = json != null && (json.isObject() || json.isArray());
          stubs.add(new FlowTestCase.Stub(request.path("method").asText("GET"), uri.getPath(),
              response.path("status").asInt(200), structured ? json : null,
              structured ? null : response.path("body").asText(""),
              Math.max(0, attempts.getOrDefault(scheduled, 1) - 1)));
        }
      }
      Map<String, Object> variables = new LinkedHashMap<>();
      String stubOrigin = origin;
      input.path("variables").fields().forEachRemaining(f -> {
        Object value = JSON.convertValue(f.getValue(), Object.class);
        if (value instanceof String s && stubOrigin != null && s.startsWith(stubOrigin)) {
          value = "${stubs}" + s.substring(stubOrigin.length());
        }
        variables.put(f.getKey(), value);
      });
      return new Stubs(List.copyOf(stubs), variables);
    }
  }
}
