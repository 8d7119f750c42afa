package dev.ivr.launcher.flowtest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar launcher/target/ivr-launcher-exec.jar flow-test [FLOWS_DIR] [--flow=ID] [--time-scale=N]}:
 * runs the flow test cases under {@code FLOWS_DIR/<flow>/tests/} (default {@code flows}) against the
 * Graph emulator and the real workflow code; exits 1 if any case fails.
 */
public final class FlowTestMain {
  private FlowTestMain() {}

  public static int run(String[] args, PrintStream out) {
    Path flows = Path.of("flows");
    String only = null;
    double timeScale = 10.0;
    for (String arg : args) {
      if (arg.startsWith("--flow=")) {
        only = arg.substring("--flow=".length());
      } else if (arg.startsWith("--time-scale=")) {
        timeScale = Double.parseDouble(arg.substring("--time-scale=".length()));
      } else {
        flows = Path.of(arg);
      }
    }
    String flowFilter = only;
    List<FlowTestCase> cases = FlowTestCase.discover(flows).stream()
        .filter(c -> flowFilter == null || c.flowId().equals(flowFilter)).toList();
    if (cases.isEmpty()) {
      out.println("no flow test cases under " + flows.toAbsolutePath() + "/<flow>/tests/");
      return 1;
    }
    try (FlowTestRunner runner = new FlowTestRunner(flows, timeScale)) {
      int failed = 0;
      for (FlowTestCase testCase : cases) {
        FlowTestResult result = runner.run(testCase);
        out.print(result.report());
        if (!result.passed()) {
          failed++;
        }
      }
      out.printf("%d passed, %d failed%n", cases.size() - failed, failed);
      return failed == 0 ? 0 : 1;
    }
  }
}
