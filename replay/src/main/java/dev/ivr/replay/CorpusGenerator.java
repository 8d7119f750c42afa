package dev.ivr.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.codec.PayloadKeys;
import dev.ivr.embedded.temporal.TemporalChoice;
import dev.ivr.flowtest.FlowTestCase;
import dev.ivr.flowtest.FlowTestRunner;
import dev.ivr.flowtest.FlowTestRunner.CallObserver;
import dev.ivr.flowtest.FlowTestResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the replay corpus from real runs: every flow test case {@code <flows>/<flow>/tests/<case>.yaml}
 * and every fault scenario {@code <scenarios>/<flow>/tests/<case>.yaml} is run against the Graph
 * emulator and the current workflow code, and the finished call's history is exported, anonymised,
 * to {@code <out>/<flow>/<case>.json}.
 *
 * <p>A scenario is a flow test case with one more key, {@code faults}: the emulator's
 * {@link FaultPlan} for the call (duplicate or reordered notifications, Graph errors that are
 * retried…), so the corpus holds the races that flow tests do not provoke.
 */
public final class CorpusGenerator {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private CorpusGenerator() {}

  /** One case: its result, and the history file (null when the call never finished). */
  public record Generated(FlowTestResult result, Path history) {}

  /** Runs every case under {@code flowsDir} and writes the histories under {@code outDir}. */
  public static List<Generated> generate(Path flowsDir, Path outDir, double timeScale) {
    return generate(FlowTestCase.discover(flowsDir), flowsDir, outDir, timeScale);
  }

  /** Also runs the fault scenarios under {@code scenariosDir} (skipped when it does not exist). */
  public static List<Generated> generate(Path flowsDir, Path scenariosDir, Path outDir, double timeScale) {
    return generate(flowsDir, scenariosDir, outDir, timeScale, PayloadKeys.NONE);
  }

  /** The same, payloads encrypted with {@code keys} ({@link PayloadKeys#NONE}: plain). */
  public static List<Generated> generate(Path flowsDir, Path scenariosDir, Path outDir, double timeScale,
      PayloadKeys keys) {
    List<FlowTestCase> cases = new ArrayList<>(FlowTestCase.discover(flowsDir));
    if (scenariosDir != null && Files.isDirectory(scenariosDir)) {
      cases.addAll(FlowTestCase.discover(scenariosDir));
    }
    return generate(cases, flowsDir, outDir, timeScale, keys);
  }

  /** Runs the given cases of {@code flowsDir} and writes their histories (plain) under {@code outDir}. */
  public static List<Generated> generate(List<FlowTestCase> cases, Path flowsDir, Path outDir, double timeScale) {
    return generate(cases, flowsDir, outDir, timeScale, PayloadKeys.NONE);
  }

  /** The same, payloads encrypted with {@code keys}: the files stay encrypted, anonymised inside. */
  public static List<Generated> generate(List<FlowTestCase> cases, Path flowsDir, Path outDir, double timeScale,
      PayloadKeys keys) {
    Map<Path, Path> written = new HashMap<>();
    CallObserver export = (testCase, client, workflowId, result) -> {
      Path file = outDir.resolve(testCase.flowId()).resolve(stem(testCase.file()) + ".json");
      try {
        written.put(testCase.file(), HistoryExport.exportTo(client, workflowId, file, keys));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    List<Generated> generated = new ArrayList<>();
    try (FlowTestRunner runner =
        new FlowTestRunner(flowsDir, timeScale, TemporalChoice.devServer(), keys).observe(export)) {
      for (FlowTestCase testCase : cases) {
        FlowTestResult result = runner.run(testCase, faults(testCase.file()));
        generated.add(new Generated(result, written.get(testCase.file())));
      }
    }
    return generated;
  }

  /** The {@code faults} key of a scenario file; null for a flow test case without one. */
  static FaultPlan faults(Path file) {
    try {
      JsonNode faults = YAML.readTree(file.toFile()).get("faults");
      return faults == null || faults.isNull() ? null : YAML.treeToValue(faults, FaultPlan.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the faults of " + file, e);
    }
  }

  private static String stem(Path file) {
    return file.getFileName().toString().replaceFirst("\\.(yaml|json)$", "");
  }
}
