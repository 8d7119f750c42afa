package dev.ivr.embedded.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.embedded.EmbeddedSystem;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowExecutionMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators find calls by their search attributes on a real Temporal server (the CLI's dev server,
 * SQLite visibility): {@code ListWorkflowExecutions} with queries on CallState, FlowId, CurrentNode and
 * CallOutcome
 * returns exactly the right calls while they run and after they end, and an inbound call, started by
 * the webhook with signalWithStart, carries its static summary and details (the Java test server
 * drops both).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class VisibilityTest {
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(20);

  @TempDir static Path work;
  private static EmbeddedSystem system;
  private Set<String> ours = Set.of();

  @BeforeAll
  static void start() throws Exception {
    system = EmbeddedSystem.start(EmbeddedSystem.Options.defaults()
        .withRecordingsDir(work.resolve("recordings"))
        .withApiArguments(WaitingCallFlows.apiArguments(work))
        .withTemporal(TemporalChoice.devServer()));
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void queriesOnCallStateFlowIdAndCurrentNode_findTheRightCalls_whileTheyRunAndAfterTheyEnd() throws Exception {
    // a caller who waits in the main menu, and one who leaves a long voicemail
    String menuCall = system.emulator().raiseIncomingCall(IncomingCallSpec.to(system.endpoints().callbackUri())
        .withTarget(WaitingCallFlows.MENU_TARGET).withScript(CallerScript.of(new CallerScript.Wait(600))));
    String voicemailCall = system.emulator().raiseIncomingCall(IncomingCallSpec.to(system.endpoints().callbackUri())
        .withScript(CallerScript.of(new CallerScript.WaitFor("beep"), new CallerScript.Speak(25.0))));
    String menu = CallIds.workflowId(menuCall);
    String voicemail = CallIds.workflowId(voicemailCall);
    ours = Set.of(menu, voicemail);

    awaitListed("CallState = 'established' AND FlowId = 'main-menu'", Set.of(menu));
    awaitListed("FlowId = 'main-menu' AND CurrentNode = 'menu' AND ExecutionStatus = 'Running'", Set.of(menu));
    awaitListed("CurrentNode = 'record' AND ExecutionStatus = 'Running'", Set.of(voicemail));
    awaitListed("FlowId = 'voicemail' AND CallState = 'established'", Set.of(voicemail));
    awaitListed("CallState = 'established'", Set.of(menu, voicemail));
    assertThat(listed("FlowId = 'main-menu' AND CurrentNode = 'record'")).isEmpty();

    // the caller presses 1: the sales sub-menu; then hangs up there
    system.emulator().pressKeys(menuCall, "1");
    awaitListed("FlowId = 'main-menu' AND CurrentNode = 'sales'", Set.of(menu));
    system.emulator().hangUp(menuCall);
    CallResult menuResult = result(menuCall);
    assertThat(menuResult.outcome()).isEqualTo(CallOutcome.CALLER_HUNG_UP);
    awaitListed("CallState = 'terminated' AND FlowId = 'main-menu' AND ExecutionStatus = 'Completed'", Set.of(menu));
    awaitListed("CallOutcome = 'CALLER_HUNG_UP'", Set.of(menu));
    awaitListed("FlowId = 'main-menu' AND CurrentNode = 'sales'", Set.of(menu));

    CallResult voicemailResult = result(voicemailCall);
    assertThat(voicemailResult.outcome()).isEqualTo(CallOutcome.COMPLETED);
    awaitListed("CallState = 'terminated' AND ExecutionStatus = 'Completed'", Set.of(menu, voicemail));
    awaitListed("CurrentNode = 'end' AND FlowId = 'voicemail'", Set.of(voicemail));
    awaitListed("CallOutcome = 'COMPLETED'", Set.of(voicemail));
    awaitListed("CallOutcome IN ('COMPLETED', 'CALLER_HUNG_UP')", Set.of(menu, voicemail));
    assertThat(listed("ExecutionStatus = 'Running' AND WorkflowType = 'CallWorkflow'")).isEmpty();
  }

  @Test
  void anInboundCall_startedBySignalWithStart_hasItsStaticSummaryAndDetails() throws Exception {
    String callId = system.emulator().raiseIncomingCall(IncomingCallSpec.to(system.endpoints().callbackUri())
        .withScript(CallerScript.of(new CallerScript.WaitFor("beep"), new CallerScript.Speak(1.0))));
    String workflowId = CallIds.workflowId(callId);
    assertThat(result(callId).outcome()).isEqualTo(CallOutcome.COMPLETED);

    WorkflowExecutionDescription description = system.client().newUntypedWorkflowStub(workflowId).describe();
    assertThat(description.getStaticSummary()).startsWith("incoming call · voicemail ");
    assertThat(description.getStaticDetails()).contains(callId).contains("`voicemail`").contains("incoming");
    // and visibility finds it by its CallId once it has ended
    List<WorkflowExecutionMetadata> listed = system.client().listExecutions("CallId = '" + callId + "'")
        .collect(Collectors.toList());
    assertThat(listed).as("CallId = '%s'", callId).singleElement().satisfies(call -> {
      assertThat(call.getExecution().getWorkflowId()).isEqualTo(workflowId);
      assertThat(call.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    });
    assertThat(system.temporal().hasVisibility()).isTrue();
  }

  /** The calls of the running test (another test's calls may run beside them) that the query returns. */
  private Set<String> listed(String query) {
    return system.client().listExecutions(query + " AND WorkflowType = 'CallWorkflow'")
        .map(e -> e.getExecution().getWorkflowId()).filter(ours::contains)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The call's result, once the webhook has started its workflow. */
  private static CallResult result(String callId) throws Exception {
    return dev.ivr.launcher.DemoCall.awaitResult(system.client(), callId, Duration.ofSeconds(120));
  }

  /** Visibility is eventually consistent: the query must return exactly {@code expected} within a bound. */
  private void awaitListed(String query, Set<String> expected) throws InterruptedException {
    long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
    Set<String> got = listed(query);
    while (!got.equals(new TreeSet<>(expected)) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      got = listed(query);
    }
    assertThat(got).as(query).containsExactlyInAnyOrderElementsOf(expected);
  }
}
