package dev.ivr.flowtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The observations a flow test can expect: prompts with their locale, http requests, the transfer target. */
class FlowTestExpectationTest {
  @TempDir Path tmp;

  static final CallResult RESULT = new CallResult("c", CallOutcome.TRANSFERRED, List.of(), List.of(), null, Map.of(), null);
  static final FlowTestRunner.Observed OBSERVED = new FlowTestRunner.Observed(
      List.of("fr-FR/main-menu-greeting", "fr-FR/transferring"),
      List.of("GET /accounts/1", "POST /tickets {\"b\":2,\"a\":1}"),
      List.of("+15550100200"));

  @Test
  void matchingObservations_pass_requestBodiesCompareAsJson() throws Exception {
    FlowTestCase testCase = read("""
        caller: []
        expect:
          prompts: [fr-FR/main-menu-greeting, fr-FR/transferring]
          locale: fr-FR
          requests: ["GET /accounts/1", 'POST /tickets {"a": 1, "b": 2}']
          transfer: "+15550100200"
        """);

    assertThat(FlowTestRunner.compare(testCase, RESULT, OBSERVED, 0).mismatches()).isEmpty();
  }

  @Test
  void everyDifference_isAMismatchNamingWhatWasSeen() throws Exception {
    FlowTestCase testCase = read("""
        caller: []
        expect:
          prompts: [fr-FR/transferring, fr-FR/main-menu-greeting]
          locale: en-US
          requests: ["GET /accounts/1", 'POST /tickets {"a": 1, "b": 3}']
          transfer: "+15550100999"
        """);

    assertThat(FlowTestRunner.compare(testCase, RESULT, OBSERVED, 0).mismatches()).containsExactly(
        "prompts: expected [fr-FR/transferring, fr-FR/main-menu-greeting], got [fr-FR/main-menu-greeting, fr-FR/transferring]",
        "locale: expected every prompt in en-US, got [fr-FR/main-menu-greeting, fr-FR/transferring]",
        "requests: expected [GET /accounts/1, POST /tickets {\"a\": 1, \"b\": 3}], got [GET /accounts/1, POST /tickets {\"b\":2,\"a\":1}]",
        "transfer: expected +15550100999, got [+15550100200]");
  }

  private FlowTestCase read(String yaml) throws Exception {
    Path file = tmp.resolve("case.yaml");
    Files.writeString(file, yaml);
    return FlowTestCase.read(file, "main-menu");
  }
}
