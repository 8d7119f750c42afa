package dev.ivr.workflows.call;

import dev.ivr.workflows.event.ResultInfo;
import dev.ivr.workflows.flow.TransferNode;
import dev.ivr.workflows.flow.TransferReasons;
import dev.ivr.workflows.flow.expr.CelExpressions;
import dev.ivr.workflows.graph.RedirectCall;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * A flow whose start node is a {@code transfer} with {@code mode: redirect}: the call is forwarded
 * with Graph {@code redirect} instead of being answered, and Graph ends it either way. A 2xx end (the
 * target answered) is TRANSFERRED, the path says {@code redirected}; any other end is FAILED and the
 * path names the reason and Graph's code ({@code busy:486/8539}, {@code unreachable:480/10076}…).
 */
final class CallRedirect {
  /** Graph's default ring time for one redirect target; the emulator's too. */
  static final int RING_SECONDS = 55;
  private static final String TYPE = "redirect";

  private final CallSession call;

  CallRedirect(CallSession call) {
    this.call = call;
  }

  void run(String nodeId, TransferNode node) {
    String phone = node.targetExpression() == null ? node.phone()
        : CelExpressions.string(node.targetExpression(), call.variables().current());
    CallInput input = call.input();
    boolean requested = call.callGraph(() -> call.graph("redirect to [redacted]").redirect(new RedirectCall(
        input.callId(), input.callbackUri(), phone, node.user(), node.applicationInstance(), RING_SECONDS)));
    if (!requested) {
      call.step(nodeId, TYPE, call.events().isTerminated() ? "callGone" : "refused");
      call.end(call.events().isTerminated() ? CallOutcome.CALLER_HUNG_UP : CallOutcome.FAILED);
      return;
    }
    Duration bound = Duration.ofSeconds(RING_SECONDS).plus(input.timeouts().established());
    Workflow.await(call.scaled(bound), call.events()::isTerminated);
    ResultInfo end = call.events().endReason();
    if (!call.events().isTerminated()) {
      call.step(nodeId, TYPE, "timeout");
      call.end(CallOutcome.TIMED_OUT);
    } else if (end == null || end.code() >= 200 && end.code() < 300) {
      call.step(nodeId, TYPE, "redirected");
      call.end(CallOutcome.TRANSFERRED);
    } else {
      call.step(nodeId, TYPE, TransferReasons.of(end.code(), end.subcode()) + ":" + end.code() + "/" + end.subcode());
      call.end(CallOutcome.FAILED);
    }
  }
}
