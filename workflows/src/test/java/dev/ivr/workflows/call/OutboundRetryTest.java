package dev.ivr.workflows.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivr.workflows.event.CallEvents;
import dev.ivr.workflows.event.ResultInfo;
import dev.ivr.workflows.flow.OutboundOptions;
import dev.ivr.workflows.operator.AuditEntry;
import dev.ivr.workflows.operator.OperatorAction;
import dev.ivr.workflows.operator.OperatorActions;
import dev.ivr.workflows.operator.OperatorCalls;
import dev.ivr.workflows.visibility.CallSearchAttributes;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Retries by schedule (a flow's {@code outbound.retry}) on the test server with time skipping: the
 * waits are durable timers, measured in workflow time.
 */
@Timeout(60)
class OutboundRetryTest {
  private static final ResultInfo NO_ANSWER = new ResultInfo(408, 10057, "no signaling from callee");
  private static final ResultInfo BUSY = new ResultInfo(486, 8539, "Callee Busy.");
  private static final ResultInfo DECLINED = new ResultInfo(603, 8538, "Callee Declined.");

  private CallHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void noAnswerThenBusyThenAnswered_placesThreeCalls_afterTheScheduledWaits() {
    harness = new CallHarness(true);
    harness.graph.outboundEnds.addAll(List.of(NO_ANSWER, BUSY));

    CallResult result = harness.run(retrying(3, List.of("PT5M", "PT30M"), null));

    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(harness.graph.requests.stream().filter("createCall"::equals)).hasSize(3);
    assertThat(result.attempts()).extracting(CallAttempt::outcome).containsExactly("noAnswer", "busy", "answered");
    assertThat(result.attempts()).extracting(CallAttempt::attempt).containsExactly(1, 2, 3);
    assertThat(result.attempts().get(0).endReason().subcode()).isEqualTo(10057);
    long firstWait = result.attempts().get(1).placedAtMillis() - result.attempts().get(0).placedAtMillis();
    long secondWait = result.attempts().get(2).placedAtMillis() - result.attempts().get(1).placedAtMillis();
    assertThat(firstWait).as("workflow time between attempts 1 and 2")
        .isBetween(Duration.ofMinutes(5).toMillis(), Duration.ofMinutes(5).plusSeconds(10).toMillis());
    assertThat(secondWait).as("workflow time between attempts 2 and 3")
        .isBetween(Duration.ofMinutes(30).toMillis(), Duration.ofMinutes(30).plusSeconds(10).toMillis());
    assertThat(CallHarness.outcomes(result)).containsExactly("createCall=failed:408/10057", "retry=waited PT5M",
        "createCall=failed:486/8539", "retry=waited PT30M", "createCall=established", "hello=completed", "end=hangUp");
    assertThat(result.endReason()).as("the answered attempt's end, not an earlier one's").isNotEqualTo(NO_ANSWER);
  }

  @Test
  void anAttemptThatRingsForTheWholeEstablishedLimit_isANoAnswer_hungUp_andPlacedAgain() {
    harness = new CallHarness(true);
    harness.graph.outboundRingsUnanswered.set(1);

    CallResult result = harness.run(retrying(2, List.of("PT5M"), List.of("noAnswer")));

    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(result.attempts()).extracting(CallAttempt::outcome).containsExactly("noAnswer", "answered");
    assertThat(result.attempts().get(0).endReason()).as("Graph did not end it: the bot did").isNull();
    assertThat(harness.graph.requests.subList(0, 3)).as("the ringing attempt is hung up before the next is placed")
        .containsExactly("createCall", "hangUp", "createCall");
    assertThat(CallHarness.outcomes(result)).startsWith("createCall=timeout", "retry=waited PT5M", "createCall=established");
  }

  @Test
  void theLastDelayRepeats_andTheLastAttemptsNoAnswerIsTheOutcome() {
    harness = new CallHarness(true);
    harness.graph.outboundEnd = NO_ANSWER;

    CallResult result = harness.run(retrying(4, List.of("PT2M"), null));

    assertThat(result.outcome()).isEqualTo(CallOutcome.NO_ANSWER);
    assertThat(result.attempts()).extracting(CallAttempt::outcome).containsExactly("noAnswer", "noAnswer", "noAnswer",
        "noAnswer");
    for (int i = 1; i < 4; i++) {
      assertThat(result.attempts().get(i).placedAtMillis() - result.attempts().get(i - 1).placedAtMillis())
          .isBetween(Duration.ofMinutes(2).toMillis(), Duration.ofMinutes(2).plusSeconds(10).toMillis());
    }
    assertThat(harness.graph.requests).containsOnly("createCall").hasSize(4);
  }

  @Test
  void aReasonTheScheduleDoesNotName_isNotRetried() {
    harness = new CallHarness(true);
    harness.graph.outboundEnds.add(DECLINED);

    CallResult result = harness.run(retrying(3, List.of("PT5M"), null)); // default on: noAnswer, busy, unreachable

    assertThat(result.outcome()).isEqualTo(CallOutcome.NO_ANSWER);
    assertThat(result.attempts()).extracting(CallAttempt::outcome).containsExactly("declined");
    assertThat(harness.graph.requests).containsExactly("createCall");
  }

  @Test
  void anAnsweredCallThatTheCalleeHangsUp_isNeverPlacedAgain() {
    harness = new CallHarness(true);
    harness.graph.hangUpDuringPrompt = 1;

    CallResult result = harness.run(retrying(3, List.of("PT5M"), List.of("noAnswer", "busy", "failed")));

    assertThat(result.outcome()).isEqualTo(CallOutcome.CALLER_HUNG_UP);
    assertThat(result.attempts()).extracting(CallAttempt::outcome).containsExactly("answered");
    assertThat(harness.graph.requests.stream().filter("createCall"::equals)).hasSize(1);
  }

  @Test
  void anOperatorsHangupDuringTheWait_cancelsTheRetries() {
    harness = new CallHarness(true);
    harness.graph.outboundEnd = NO_ANSWER;
    WorkflowStub call = harness.start(retrying(3, List.of("PT10M"), null));

    CallSnapshot waiting = OperatorCalls.awaitSnapshot(call, s -> s.attempts() != null
        && s.attempts().nextAttemptAtMillis() != null && CallEvents.WAITING_TO_RETRY.equals(s.callState()));
    assertThat(waiting.attempts().attempt()).as("the attempt it waits for").isEqualTo(2);
    assertThat(waiting.attempts().of()).isEqualTo(3);
    assertThat(waiting.attempts().nextAttemptAtMillis() - waiting.attempts().attempts().get(0).placedAtMillis())
        .isBetween(Duration.ofMinutes(10).toMillis(), Duration.ofMinutes(10).plusSeconds(10).toMillis());
    assertThat(waiting.currentNode()).isEqualTo("retry");
    assertThat(waiting.outcome()).as("not ended: the console keeps following it").isNull();
    OperatorCalls.signal(call, OperatorAction.announce("alice", null, null, "greeting"));
    OperatorCalls.signal(call, OperatorAction.hangup("alice", null, "customer asked"));
    CallResult result = call.getResult(CallResult.class);

    assertThat(result.outcome()).isEqualTo(CallOutcome.OPERATOR_HUNG_UP);
    assertThat(CallHarness.outcomes(result)).containsExactly("createCall=failed:408/10057", "retry=canceled hangup by alice");
    assertThat(result.attempts()).hasSize(1);
    assertThat(harness.graph.requests).as("no second call, nothing to hang up").containsExactly("createCall");
    List<AuditEntry> audit = OperatorCalls.typedAudit(call);
    assertThat(audit).extracting(AuditEntry::result).hasSize(2);
    assertThat(audit.get(0).result()).startsWith("rejected: the call is waiting to be placed again");
    assertThat(audit.get(1).result()).isEqualTo(OperatorActions.DONE);
    assertThat(call.describe().getTypedSearchAttributes().get(CallSearchAttributes.CALL_OUTCOME))
        .isEqualTo("OPERATOR_HUNG_UP");
  }

  @Test
  void aCancellationRequestDuringTheWait_endsTheCallCleanly() {
    harness = new CallHarness(true);
    harness.graph.outboundEnd = BUSY;
    WorkflowStub call = harness.start(retrying(2, List.of("PT1H"), null));
    OperatorCalls.awaitSnapshot(call, s -> CallEvents.WAITING_TO_RETRY.equals(s.callState()));
    assertThat(call.describe().getTypedSearchAttributes().get(CallSearchAttributes.CALL_STATE))
        .as("the api leaves calls in this state out of its count of live calls").isEqualTo(CallEvents.WAITING_TO_RETRY);

    call.cancel();

    // the Java SDK ends a workflow whose cancellation was requested as canceled even when it returns
    // (ReplayWorkflowExecutor.completeWorkflow): the result is dropped; the call's ending still ran
    assertThatThrownBy(() -> call.getResult(CallResult.class)).isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    assertThat(call.describe().getTypedSearchAttributes().get(CallSearchAttributes.CALL_OUTCOME))
        .isEqualTo("OPERATOR_HUNG_UP");
    CallSnapshot ended = OperatorCalls.snapshot(call);
    assertThat(ended.path()).extracting(StepTaken::outcome).containsExactly("failed:486/8539",
        "canceled (cancellation requested)");
    assertThat(ended.attempts().nextAttemptAtMillis()).isNull();
    assertThat(harness.graph.requests).containsExactly("createCall");
  }

  private static CallInput retrying(int attempts, List<String> delays, List<String> on) {
    CallInput input = CallHarness.outboundGreeting();
    return input.withFlow(input.flow().withOutbound(new OutboundOptions(new OutboundOptions.Retry(attempts, delays, on))));
  }
}
