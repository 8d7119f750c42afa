package dev.ivr.launcher.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallView;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.launcher.DemoCall;
import dev.ivr.embedded.EmbeddedSystem;
import dev.ivr.flowtest.HoldFlow;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's admission control on the dev server: a limit of 3 live calls and twice as many callers
 * at once. Three are answered and run their flow (a hold of about 10 s); the other three get a
 * deliberate answer at once, never silence: Graph's reject with reason busy, or the busy prompt and
 * a hang-up. Afterwards no call workflow runs and every emulated call has ended.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AdmissionEndToEndTest {
  static final int LIMIT = 3;
  static final double TIME_SCALE = 30; // one 5-minute menu timeout: 10 s of real time

  @TempDir Path work;

  @Test
  void twiceTheLimit_threeAreServed_threeAreRejectedBusy_noneIsStuck() throws Exception {
    Map<String, CallResult> results = run("reject");

    Map<CallOutcome, Long> outcomes = outcomes(results);
    assertThat(outcomes).as("%s", results).containsEntry(CallOutcome.COMPLETED, 3L).containsEntry(CallOutcome.BUSY, 3L);
  }

  @Test
  void twiceTheLimit_threeAreServed_threeHearTheBusyPrompt_noneIsStuck() throws Exception {
    Map<String, CallResult> results = run("prompt");

    assertThat(results.values()).filteredOn(r -> r.path().stream().anyMatch(s -> s.nodeId().equals("busy")))
        .as("%s", results).hasSize(3).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(CallOutcome.COMPLETED));
    assertThat(outcomes(results)).containsEntry(CallOutcome.COMPLETED, 6L);
  }

  private Map<String, CallResult> run(String busyAnswer) throws Exception {
    List<String> arguments = new ArrayList<>(HoldFlow.apiArguments(work, Path.of(""), 1, 1, TIME_SCALE));
    Path busy = work.resolve("flows/busy");
    Files.createDirectories(busy);
    Files.copy(Path.of("flows/busy/flow.yaml").toAbsolutePath(), busy.resolve("flow.yaml"));
    arguments.add("--ivr.admission.max-live-calls=" + LIMIT);
    arguments.add("--ivr.admission.busy-answer=" + busyAnswer);
    try (EmbeddedSystem system = EmbeddedSystem.start(EmbeddedSystem.Options.defaults()
        .withRecordingsDir(work.resolve("recordings"))
        .withEmulatorTimeScale(TIME_SCALE)
        // Graph's 15 s to answer would be half a second here: the webhook and the worker get 10 s of real time
        .withEmulatorConfig(c -> c.withAnswerDeadlineSeconds(10 * TIME_SCALE))
        .withApiArguments(arguments))) {
      GraphEmulator emulator = system.emulator();
      List<String> callIds = new ArrayList<>();
      for (int i = 0; i < 2 * LIMIT; i++) {
        callIds.add(emulator.raiseIncomingCall(IncomingCallSpec.to(system.endpoints().callbackUri())
            .withScript(CallerScript.silent())));
      }
      Map<String, CallResult> results = new java.util.LinkedHashMap<>();
      for (String callId : callIds) {
        results.put(callId, DemoCall.awaitResult(system.client(), callId, Duration.ofSeconds(90)));
      }
      for (String callId : callIds) {
        assertThat(emulator.awaitCallEnded(callId, Duration.ofSeconds(10))).as("call %s ended", callId).isTrue();
      }
      List<CallView> rejected = callIds.stream().map(emulator::call)
          .filter(c -> c.endMessage() != null && c.endMessage().contains("Rejected by the application (busy)")).toList();
      assertThat(rejected).as("calls Graph saw rejected busy").hasSize("reject".equals(busyAnswer) ? LIMIT : 0);
      assertThat(running(system.client())).as("no call workflow is left running").isZero();
      String metrics = scrape(system.endpoints().apiBaseUrl() + "/actuator/prometheus");
      String answer = "reject".equals(busyAnswer) ? "busy-reject" : "busy-prompt";
      assertThat(metrics).as(metrics).containsPattern(
          "ivr_admission_refused_total\\{answer=\"" + answer + "\",direction=\"incoming\"[^}]*} 3.0");
      System.out.printf("admission e2e (%s): %s%n", busyAnswer, outcomes(results));
      return results;
    }
  }

  private static Map<CallOutcome, Long> outcomes(Map<String, CallResult> results) {
    return results.values().stream().collect(Collectors.groupingBy(CallResult::outcome, Collectors.counting()));
  }

  private static long running(WorkflowClient client) {
    return client.getWorkflowServiceStubs().blockingStub().countWorkflowExecutions(
        CountWorkflowExecutionsRequest.newBuilder().setNamespace(client.getOptions().getNamespace())
            .setQuery("WorkflowType = 'CallWorkflow' AND ExecutionStatus = 'Running'").build()).getCount();
  }

  private static String scrape(String url) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
