package dev.ivr.flowtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flow test runner keeps the aliases of the flows' own routing.yaml: a flow whose subflow node names
 * an alias runs under the runner (it used to fail to load: the runner's routing table had no aliases).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FlowTestAliasTest {
  @TempDir Path tmp;

  @Test
  void aSubflowNamedByAnAlias_runsInAFlowTest() throws Exception {
    Path flows = tmp.resolve("flows");
    write(flows.resolve("greeter/flow.yaml"), """
        id: greeter
        locales: [en-US]
        start: box
        nodes:
          box: {type: subflow, flow: farewell, next: end}
          end: {type: hangup}
        """);
    write(flows.resolve("bye/flow.yaml"), """
        id: bye
        locales: [en-US]
        start: say
        nodes:
          say: {type: play, prompts: [goodbye], next: return}
        """);
    write(flows.resolve("routing.yaml"), "default: greeter\naliases:\n  farewell: bye\n");
    write(flows.resolve("greeter/tests/goodbye.yaml"), """
        caller:
          - waitFor: established
        expect:
          outcome: COMPLETED
          path: [box, bye/say, box, end]
          prompts: [en-US/goodbye]
        """);
    Files.createDirectories(flows.resolve("prompts/en-US"));
    Files.copy(Path.of("flows/prompts/en-US/goodbye.wav"), flows.resolve("prompts/en-US/goodbye.wav"));

    try (FlowTestRunner runner = new FlowTestRunner(flows, 10.0)) {
      List<FlowTestResult> results = runner.runAll(FlowTestCase.discover(flows));

      assertThat(results).singleElement().satisfies(r -> assertThat(r.mismatches()).as("%s", r).isEmpty());
    }
  }

  private static void write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
