package dev.ivr.flowtest;

import dev.ivr.embedded.temporal.TemporalChoice;
import dev.ivr.embedded.temporal.TemporalCli;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar launcher/target/ivr-launcher-exec.jar flow-test [FLOWS_DIR] [--flow=ID] [--time-scale=N]
 * [--temporal=dev-server|test-server]}: runs the flow test cases under {@code FLOWS_DIR/<flow>/tests/}
 * (default {@code flows}) against the Graph emulator and the real workflow code, on the Temporal CLI's
 * dev server (or, where it cannot be built, the Java test server); exits 1 if any case fails.
 */
public final class FlowTestMain {
  private FlowTestMain() {}

  public static int run(String[] args, PrintStream out) {
    Path flows = Path.of("flows");
    String only = null;
    double timeScale = 10.0;
    TemporalChoice temporal = TemporalChoice.devServer();
    for (String arg : args) {
      if (arg.startsWith("--temporal=")) {
        temporal = TemporalChoice.parse(arg.substring("--temporal=".length()));
      } else if (arg.startsWith("--flow=")) {
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
    if (temporal instanceof TemporalChoice.DevServer) {
      try {
        TemporalCli.locate(true);
      } catch (TemporalCli.UnavailableException e) {
        out.println(e.getMessage() + "; running the flow tests on the Java test server instead");
        temporal = TemporalChoice.testServer();
      }
    }
    try (FlowTestRunner runner = new FlowTestRunner(flows, timeScale, temporal)) {
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
