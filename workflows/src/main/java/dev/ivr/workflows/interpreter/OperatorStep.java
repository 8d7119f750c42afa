package dev.ivr.workflows.interpreter;

import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallSession;
import dev.ivr.workflows.interpreter.PromptPlayer.Played;
import dev.ivr.workflows.operator.OperatorAction;
import dev.ivr.workflows.operator.OperatorActions.Queued;
import dev.ivr.workflows.operator.OperatorActions;
import dev.ivr.workflows.operator.OperatorInterrupt;
import java.util.Locale;

/**
 * Runs the queued operator actions at a node boundary: before a node starts, or after an action
 * interrupted it (the interpreter then runs that node again from its start). Each action is one
 * step of the path (type {@code operator}, outcome {@code hangup by alice}); its audit entry says
 * what came of it.
 */
final class OperatorStep {
  private static final String TYPE = "operator";

  private final CallSession call;
  private final PromptPlayer player;
  private final TransferStep transfer;

  OperatorStep(CallSession call, PromptPlayer player, TransferStep transfer) {
    this.call = call;
    this.player = player;
    this.transfer = transfer;
  }

  /** Runs every queued action before {@code nodeId}; true when the call is over. */
  boolean runQueued(String nodeId) {
    while (call.operator().isPending() && !isOver()) {
      Queued queued = call.operator().next();
      try {
        call.operator().resolve(queued, run(nodeId, queued));
      } catch (OperatorInterrupt next) {
        call.operator().resolve(queued, "failed: interrupted by the next operator action");
      } catch (FlowError error) {
        call.operator().resolve(queued, "failed: " + error.getMessage());
      }
    }
    if (isOver()) {
      call.operator().rejectQueued("the call has ended");
    }
    return isOver();
  }

  private boolean isOver() {
    return call.isOver() || call.events().isTerminated();
  }

  private String run(String nodeId, Queued queued) {
    return switch (queued.type()) {
      case "hangup" -> {
        call.step(nodeId, TYPE, queued.describe());
        call.end(CallOutcome.OPERATOR_HUNG_UP);
        yield OperatorActions.DONE;
      }
      case "transfer" -> transfer(nodeId, queued);
      case "announce" -> announce(nodeId, queued);
      default -> "rejected: unknown action type '" + queued.type() + "'";
    };
  }

  private String transfer(String nodeId, Queued queued) {
    boolean toUser = OperatorAction.USER.equals(queued.action().targetKind());
    String target = queued.action().target().trim();
    TransferStep.Attempt attempt = transfer.attempt(toUser ? null : target, toUser ? target : null, null);
    if (attempt.transferred()) {
      call.step(nodeId, TYPE, queued.describe() + ": transferred");
      call.end(CallOutcome.TRANSFERRED);
      return OperatorActions.DONE;
    }
    if (attempt.ended()) {
      call.withoutCompletion(nodeId, TYPE);
      return "failed: the call ended during the transfer";
    }
    call.step(nodeId, TYPE, queued.describe() + ": failed:" + attempt.failure());
    return "failed: " + attempt.failure();
  }

  private String announce(String nodeId, Queued queued) {
    Played played = player.announce(queued.action().promptKey());
    if (played == Played.ENDED) {
      call.withoutCompletion(nodeId, TYPE);
      return "failed: the announcement got no completion";
    }
    String outcome = PromptPlayer.describe(played);
    call.step(nodeId, TYPE, queued.describe() + ": " + outcome);
    return played == Played.COMPLETED ? OperatorActions.DONE : "failed: " + outcome.toLowerCase(Locale.ROOT);
  }
}
