package dev.ivr.workflows.interpreter;

import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallSession;
import dev.ivr.workflows.call.CallTimeouts;
import dev.ivr.workflows.event.IncomingCall;
import dev.ivr.workflows.event.ResultInfo;
import dev.ivr.workflows.flow.TransferReasons;
import dev.ivr.workflows.flow.TransferNode;
import dev.ivr.workflows.flow.expr.CelExpressions;
import dev.ivr.workflows.graph.TransferCall;
import io.temporal.workflow.Workflow;

/**
 * Graph transfer, then a bounded wait for its outcome: terminated 0/7015, terminated with
 * {@code terminationReason: AppTransferred} (a consultative transfer), or terminated after
 * transferAccepted is success and the call ends TRANSFERRED; established again with a resultInfo
 * is failure (the path says {@code failed:<code>/<subcode>}) and the flow goes on at the
 * node's outcome for the reason ({@link TransferReasons}), else {@code onFailure}. Operators'
 * transfers use the same attempt.
 */
final class TransferStep {
  private static final String TYPE = "transfer";
  private static final int TRANSFER_COMPLETED = 7015;
  private static final String APP_TRANSFERRED = "AppTransferred";

  /**
   * How one transfer attempt ended; {@code failure} is {@code refused} or Graph's code/subcode, and
   * {@code reason} its name ({@link TransferReasons}: busy, noAnswer, declined, unreachable, failed).
   */
  record Attempt(boolean transferred, boolean ended, String failure, String reason) {
    Attempt(boolean transferred, boolean ended, String failure) {
      this(transferred, ended, failure, "failed");
    }
  }

  private final CallSession call;

  TransferStep(CallSession call) {
    this.call = call;
  }

  String run(String nodeId, TransferNode node) {
    String phone = node.targetExpression() == null
        ? node.phone()
        : CelExpressions.string(node.targetExpression(), call.variables().current());
    String replaces = node.replacesCallId() == null ? null
        : CelExpressions.string(node.replacesCallId(), call.variables().current());
    Attempt attempt = attempt(phone, node.user(), node.applicationInstance(), replaces);
    if (attempt.ended()) {
      ResultInfo end = call.events().endReason();
      if (call.events().isTerminated() && end != null && !call.isOver()) {
        // Graph ended the whole call (a callee that cannot be reached, 408/8544…): say which it was
        call.step(nodeId, TYPE, "hungUp:" + end.code() + "/" + end.subcode());
        call.end(CallOutcome.CALLER_HUNG_UP);
        return null;
      }
      return call.withoutCompletion(nodeId, TYPE);
    }
    if (attempt.transferred()) {
      call.step(nodeId, TYPE, "transferred");
      call.end(CallOutcome.TRANSFERRED);
      return null;
    }
    call.step(nodeId, TYPE, "failed:" + attempt.failure());
    return node.onFailure(attempt.reason());
  }

  /** Transfers the call; on success the caller ends it TRANSFERRED, on {@code ended} as a media step without completion. */
  Attempt attempt(String phone, String user, String applicationInstance) {
    return attempt(phone, user, applicationInstance, null);
  }

  /** With {@code replacesCallId}: a consultative transfer, the caller named as the transferee. */
  Attempt attempt(String phone, String user, String applicationInstance, String replacesCallId) {
    String context = call.nextClientContext();
    call.events().beginTransfer();
    IncomingCall caller = call.input().incomingCall();
    String transfereePhone = replacesCallId != null && caller != null && "phone".equals(caller.callerKind())
        ? caller.callerId() : null;
    String transfereeUser = replacesCallId != null && caller != null && "user".equals(caller.callerKind())
        ? caller.callerId() : null;
    if (!call.callGraph(() -> call.graph("transfer to [redacted]").transfer(new TransferCall(call.graphCallId(), context,
        phone, user, applicationInstance, replacesCallId, transfereePhone, transfereeUser)))) {
      return new Attempt(false, call.isOver(), "refused");
    }
    CallTimeouts timeouts = call.input().timeouts();
    Workflow.await(call.scaled(timeouts.established().plus(timeouts.mediaMargin())),
        () -> call.events().isTerminated() || call.events().transferFailure() != null);
    if (call.events().isTerminated()) {
      ResultInfo end = call.events().endReason();
      boolean transferred = call.events().transferAccepted() || end != null && end.subcode() == TRANSFER_COMPLETED
          || APP_TRANSFERRED.equalsIgnoreCase(call.events().terminationReason());
      return new Attempt(transferred, !transferred, null);
    }
    ResultInfo failure = call.events().transferFailure();
    return failure != null
        ? new Attempt(false, false, failure.code() + "/" + failure.subcode(), TransferReasons.of(failure.code(), failure.subcode()))
        : new Attempt(false, true, null);
  }
}
