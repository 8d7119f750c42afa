package dev.ivr.workflows.operator;

import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The operator actions of one call: the signal handler validates each one and queues it (or records
 * why it is rejected); the interpreter runs the queue between nodes and at the waits an action may
 * interrupt. Every action gets one {@link AuditEntry}, whose result moves from {@code pending} to
 * {@code done}, {@code failed: <why>} or {@code rejected: <why>}. The transfer target stays in the
 * queue only: the audit, the path and the logs show it redacted.
 */
public final class OperatorActions {
  public static final String PENDING = "pending";
  public static final String DONE = "done";

  /** A queued action and the index of its audit entry. */
  public record Queued(int audit, OperatorAction action) {
    public String type() {
      return action.type().toLowerCase(Locale.ROOT);
    }

    /** How the path names it: {@code hangup by alice}. */
    public String describe() {
      return type() + " by " + (action.operator() == null || action.operator().isBlank() ? "operator" : action.operator());
    }
  }

  private final List<AuditEntry> audit = new ArrayList<>();
  private final Deque<Queued> queue = new ArrayDeque<>();

  /** From the signal handler: never throws, whatever the action holds. Returns what was audited. */
  public String receive(OperatorAction action, OperableCall call) {
    String why;
    try {
      why = rejection(action, call);
    } catch (RuntimeException e) {
      why = "invalid action: " + e.getMessage();
    }
    String atNode = call == null ? null : call.currentNode();
    OperatorAction shown = action == null ? null : action.redacted();
    String result = why == null ? PENDING : "rejected: " + why;
    audit.add(new AuditEntry(shown, Workflow.currentTimeMillis(), atNode, result));
    if (why == null) {
      queue.addLast(new Queued(audit.size() - 1, action));
    }
    return result;
  }

  public boolean isPending() {
    return !queue.isEmpty();
  }

  public boolean isHangupPending() {
    return queue.stream().anyMatch(q -> OperatorAction.HANGUP.equals(q.type()));
  }

  /** The next queued action, taken off the queue; null if none. */
  public Queued next() {
    return queue.pollFirst();
  }

  public void resolve(Queued queued, String result) {
    AuditEntry entry = audit.get(queued.audit());
    audit.set(queued.audit(), new AuditEntry(entry.action(), entry.receivedAtMillis(), entry.atNode(), result));
  }

  /** Rejects every action still queued, e.g. when the call ended before they could run. */
  public void rejectQueued(String why) {
    for (Queued queued = next(); queued != null; queued = next()) {
      resolve(queued, "rejected: " + why);
    }
  }

  public List<AuditEntry> audit() {
    return List.copyOf(audit);
  }

  /** Why the action cannot be taken; null when it can. */
  private static String rejection(OperatorAction action, OperableCall call) {
    if (action == null) {
      return "the action has no type (hangup, transfer or announce)";
    }
    Optional<String> problem = action.problem();
    if (problem.isPresent()) {
      return problem.get();
    }
    String type = action.type().toLowerCase(Locale.ROOT);
    if (call != null && call.isOperable() && call.isWaitingToRetry()) {
      return OperatorAction.HANGUP.equals(type) ? null
          : "the call is waiting to be placed again: only hangup applies (it cancels the retries)";
    }
    if (call == null || !call.isConnected() && !call.hasEnded()) {
      return "the call is not connected yet";
    }
    if (call.hasEnded()) {
      return "the call has ended";
    }
    if (!call.isOperable()) {
      return "the call started before operator actions were supported";
    }
    if (OperatorAction.ANNOUNCE.equals(type) && !call.hasPrompt(action.promptKey())) {
      return "prompt '" + action.promptKey() + "' is not in the call's prompt catalog";
    }
    return null;
  }
}
