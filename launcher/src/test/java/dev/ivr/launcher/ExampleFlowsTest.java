package dev.ivr.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.flowtest.FlowTestCase;
import dev.ivr.flowtest.FlowTestResult;
import dev.ivr.flowtest.FlowTestRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every flow test case under flows/&lt;flow&gt;/tests/, run in the build against the emulator and the real workflow. */
class ExampleFlowsTest {
  private static FlowTestRunner runner;

  @BeforeAll
  static void start() {
    runner = new FlowTestRunner(Path.of("flows"), 10.0);
  }

  @AfterAll
  static void stop() {
    runner.close();
  }

  @TestFactory
  Stream<DynamicTest> everyFlowTestCasePasses() {
    List<FlowTestCase> cases = FlowTestCase.discover(Path.of("flows"));
    assertThat(cases).as("flow test cases under flows/*/tests").isNotEmpty();
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), c.file().toUri(), () -> {
      FlowTestResult result = runner.run(c);
      assertThat(result.passed()).as(result.report()).isTrue();
    }));
  }
}
