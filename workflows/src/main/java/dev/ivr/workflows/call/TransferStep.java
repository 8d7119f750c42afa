package dev.ivr.workflows.call;

import dev.ivr.workflows.flow.TransferNode;
import dev.ivr.workflows.flow.expr.CelExpressions;
import dev.ivr.workflows.graph.TransferCall;
import io.temporal.workflow.Workflow;

/**
 * Graph transfer, then a bounded wait for its outcome: terminated 0/7015 (or terminated after
 * transferAccepted) is success and the call ends TRANSFERRED; established again with a resultInfo
 * is failure and the flow goes on at {@code onFailure}.
 */
final class TransferStep {
  private static final String TYPE = "transfer";
  private static final int TRANSFER_COMPLETED = 7015;

  private final CallSession call;

  TransferStep(CallSession call) {
    this.call = call;
  }

  String run(String nodeId, TransferNode node) {
    String phone = node.targetExpression() == null
        ? node.phone()
        : CelExpressions.string(node.targetExpression(), call.variables.current());
    String context = call.nextClientContext();
    call.events.beginTransfer();
    if (!call.callGraph(() -> call.graph.transfer(
        new TransferCall(call.graphCallId(), context, phone, node.user(), node.applicationInstance())))) {
      if (call.isOver()) {
        return call.withoutCompletion(nodeId, TYPE);
      }
      call.step(nodeId, TYPE, "failed:refused");
      return node.onFailure();
    }
    CallTimeouts timeouts = call.input.timeouts();
    Workflow.await(call.scaled(timeouts.established().plus(timeouts.mediaMargin())),
        () -> call.events.isTerminated() || call.events.transferFailure() != null);
    if (call.events.isTerminated()) {
      ResultInfo end = call.events.endReason();
      boolean transferred = call.events.transferAccepted() || end != null && end.subcode() == TRANSFER_COMPLETED;
      if (!transferred) {
        return call.withoutCompletion(nodeId, TYPE);
      }
      call.step(nodeId, TYPE, "transferred");
      call.end(CallSession.TRANSFERRED);
      return null;
    }
    ResultInfo failure = call.events.transferFailure();
    if (failure != null) {
      call.step(nodeId, TYPE, "failed:" + failure.code() + "/" + failure.subcode());
      return node.onFailure();
    }
    return call.withoutCompletion(nodeId, TYPE);
  }
}
