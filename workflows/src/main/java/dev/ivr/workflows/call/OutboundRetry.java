package dev.ivr.workflows.call;

import dev.ivr.workflows.event.ResultInfo;
import dev.ivr.workflows.flow.OutboundOptions;
import dev.ivr.workflows.flow.TransferReasons;
import dev.ivr.workflows.graph.HangUp;
import dev.ivr.workflows.operator.OperatorActions;
import dev.ivr.workflows.visibility.CallVisibility;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * Retries by schedule (the flow's {@code outbound.retry}): places the outbound call, and while Graph
 * ends an attempt before it is established for a reason the schedule names (or the attempt rang for
 * the whole {@code established} limit: {@code noAnswer}, and the bot hangs it up), waits on a durable
 * timer and places it again, in the same workflow, up to the schedule's attempts. An answered call is never
 * placed again, whatever happens after (a callee's hang-up is the flow's business).
 *
 * <p>While it waits the call's state is {@value dev.ivr.workflows.event.CallEvents#WAITING_TO_RETRY}
 * (search attribute {@code CallState}; the api does not count the call as live then), its node
 * {@value #STEP}, and late events of the ended attempt are dropped. An operator's hangup (console,
 * {@code POST /api/calls/{id}/actions}) or a cancellation request (Web UI, {@code temporal workflow
 * cancel}) ends the wait: outcome {@link CallOutcome#OPERATOR_HUNG_UP}, path {@code retry=canceled…}.
 *
 * <p>Only flows with the option reach this code, so every other call's history is as it was; the
 * change {@value #CHANGE_ID} is taken before the first wait (a call whose first attempt an older
 * worker ran ends as it did then).
 */
final class OutboundRetry {
  static final String CHANGE_ID = "outbound-retry";
  static final String STEP = "retry";
  /** Graph's state of an outbound call that rings. */
  private static final String RINGING = "establishing";
  private static final Logger log = Workflow.getLogger(OutboundRetry.class);

  private final CallSession call;
  private final CallVisibility visibility;
  private final OutboundOptions.Retry retry;

  OutboundRetry(CallSession call, CallVisibility visibility, OutboundOptions.Retry retry) {
    this.call = call;
    this.visibility = visibility;
    this.retry = retry;
  }

  /** Places the call until one attempt is established (true) or the schedule gives up (false). */
  boolean connect(BooleanSupplier placeOnce) {
    for (int attempt = 1; ; attempt++) {
      long placedAt = Workflow.currentTimeMillis();
      boolean connected = placeOnce.getAsBoolean();
      String outcome = connected ? CallAttempt.ANSWERED : whyNotConnected();
      call.attempted(new CallAttempt(attempt, placedAt, outcome, connected ? null : call.events().endReason()));
      if (connected || attempt >= retry.attempts() || !retry.retries(outcome)
          || call.versions().version(CHANGE_ID, 1) == Workflow.DEFAULT_VERSION) {
        return connected;
      }
      if (!endStillRinging() || !waitBefore(attempt + 1)) {
        return false;
      }
    }
  }

  /** The reason of an attempt that did not connect, as {@link CallAttempt#outcome()} names it. */
  private String whyNotConnected() {
    ResultInfo end = call.events().endReason();
    CallOutcome outcome = call.outcome();
    if (outcome == CallOutcome.NO_ANSWER) {
      return end == null ? "failed" : TransferReasons.of(end.code(), end.subcode());
    }
    if (outcome == CallOutcome.TIMED_OUT) {
      // it rang (establishing) for the whole of the established limit: the callee did not answer, as
      // Graph's own 408/10057 would say had its ring time been shorter than ours
      return RINGING.equals(call.events().state()) ? CallAttempt.NO_ANSWER : CallAttempt.TIMED_OUT;
    }
    return outcome == CallOutcome.FAILED ? CallAttempt.REFUSED : String.valueOf(outcome);
  }

  /**
   * Hangs up an attempt that is still ringing (the bot gave up on it) before the next is placed, and
   * awaits its end (bounded); false when Graph did not take the hang-up (the call then ends as any).
   */
  private boolean endStillRinging() {
    if (call.events().isTerminated()) {
      return true;
    }
    if (!call.callGraph(() -> call.graph("hang up unanswered attempt").hangUp(new HangUp(call.graphCallId())))) {
      return false;
    }
    Workflow.await(call.scaled(call.input().timeouts().terminated()), call.events()::isTerminated);
    return call.events().isTerminated();
  }

  /** Waits (durable timer) before {@code attempt}; false when an operator or a cancellation ended the call. */
  private boolean waitBefore(int attempt) {
    Duration delay = retry.delayBefore(attempt);
    Duration wait = call.scaled(delay);
    call.nextAttempt(); // no outcome while it waits: the snapshot, the console and the index see a live call
    call.nextAttemptAt(Workflow.currentTimeMillis() + wait.toMillis());
    call.events().awaitRetry();
    visibility.nodeStarted(STEP, STEP);
    log.info("outbound call {}: attempt {} of {} in {}", call.workflowId(), attempt, retry.attempts(), delay);
    boolean canceled = false;
    try {
      Workflow.await(wait, () -> call.operator().isHangupPending());
    } catch (CanceledFailure cancellation) {
      canceled = true;
    }
    if (canceled || call.operator().isHangupPending()) {
      OperatorActions.Queued hangup = canceled ? null : call.operator().next();
      call.nextAttemptAt(null);
      call.step(STEP, STEP, "canceled " + (hangup == null ? "(cancellation requested)" : hangup.describe()));
      if (hangup != null) {
        call.operator().resolve(hangup, OperatorActions.DONE);
      }
      call.end(CallOutcome.OPERATOR_HUNG_UP);
      log.info("outbound call {}: retries canceled before attempt {}", call.workflowId(), attempt);
      return false;
    }
    call.step(STEP, STEP, "waited " + delay);
    call.nextAttemptAt(null);
    call.events().nextAttempt();
    visibility.nodeStarted("createCall", "createCall");
    return true;
  }
}
