package dev.ivr.workflows.interpreter;

import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallSession;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.flow.BranchNode;
import dev.ivr.workflows.flow.BusinessHoursNode;
import dev.ivr.workflows.flow.CollectDigitsNode;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.HttpNode;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.MenuNode;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.RecordNode;
import dev.ivr.workflows.flow.SetNode;
import dev.ivr.workflows.flow.SubflowNode;
import dev.ivr.workflows.flow.TransferNode;
import dev.ivr.workflows.flow.expr.CelExpressions;
import dev.ivr.workflows.flow.expr.ExpressionException;
import dev.ivr.workflows.interpreter.PromptPlayer.Played;
import dev.ivr.workflows.operator.OperatorInterrupt;
import dev.ivr.workflows.visibility.CallVisibility;
import io.temporal.workflow.Workflow;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * Walks a flow node by node, dispatching each node type to its step, taking {@code onError} on a
 * {@link FlowError}, and running subflows inline in their own variable scope. After a hang-up the
 * flow's {@code onHangup} chain runs its non-media nodes. Operator actions run between nodes; one
 * that interrupts a node ({@link OperatorInterrupt}) runs, then that node runs again from its start.
 */
public final class FlowInterpreter {
  /** How a walk ended: a subflow returned, the flow ended (the session has the outcome), or it failed. */
  public enum Exit { RETURNED, ENDED, FAILED }

  private static final Logger log = Workflow.getLogger(FlowInterpreter.class);
  /** Bounds a flow that loops without ever waiting (set → branch → set…), and runaway subflow nesting. */
  private static final int MAX_VISITS = 2_000;
  private static final int MAX_DEPTH = 8;

  private final CallSession call;
  private final PromptPlayer player;
  private final MenuStep menu;
  private final CollectDigitsStep digits;
  private final RecordStep record;
  private final HttpStep http;
  private final TransferStep transfer;
  private final VariableSteps variableSteps;
  private final OperatorStep operator;
  private final CallVisibility visibility;
  private int visits;

  public FlowInterpreter(CallSession call, CallVisibility visibility) {
    this.call = call;
    this.visibility = visibility;
    this.player = new PromptPlayer(call);
    this.menu = new MenuStep(call, player);
    this.digits = new CollectDigitsStep(call, player);
    this.record = new RecordStep(call);
    this.http = new HttpStep(call);
    this.transfer = new TransferStep(call);
    this.variableSteps = new VariableSteps(call);
    this.operator = new OperatorStep(call, player, transfer);
  }

  /** Runs the call's flow, then its onHangup chain if the caller hung up. */
  public void run() {
    Flow flow = call.input().flow();
    Exit exit = walk(flow, flow.start(), false);
    if (exit != Exit.ENDED || !call.isOver() && call.events().isTerminated()) {
      call.end(call.events().isTerminated() ? CallOutcome.CALLER_HUNG_UP : CallOutcome.FAILED);
    }
    if (call.outcome() == CallOutcome.CALLER_HUNG_UP && flow.onHangup() != null) {
      walk(flow, flow.onHangup(), true);
    }
  }

  private Exit walk(Flow flow, String start, boolean afterHangup) {
    String nodeId = start;
    String from = null;
    while (true) {
      if (nodeId == null) {
        return Exit.ENDED;
      }
      if (Flow.RETURN.equals(nodeId)) {
        return call.depth() > 1 ? Exit.RETURNED : Exit.FAILED;
      }
      if (!afterHangup && (call.isOver() || call.events().isTerminated() || operator.runQueued(nodeId))) {
        return Exit.ENDED;
      }
      if (++visits > MAX_VISITS) {
        log.error("flow {} visited {} nodes without ending; giving up", flow.id(), MAX_VISITS);
        return Exit.FAILED;
      }
      FlowNode node = flow.nodes().get(nodeId);
      if (afterHangup && (node == null || !FlowNode.runsAfterHangup(node))) {
        return Exit.ENDED;
      }
      try {
        if (node == null) {
          throw new FlowError("flow " + flow.id() + " has no node '" + nodeId + "'");
        }
        String type = FlowNode.typeName(node);
        visibility.nodeStarted(nodeId, type);
        String next;
        try {
          next = visit(nodeId, node);
        } finally {
          visibility.nodeFinished(type);
        }
        from = nodeId;
        nodeId = next;
      } catch (OperatorInterrupt interrupt) {
        // the loop runs the queued actions, then this node again from its start
      } catch (FlowError | ExpressionException | IllegalArgumentException | DateTimeException error) {
        log.warn("flow {} failed at node '{}': {}", flow.id(), nodeId, error.getMessage());
        call.step(nodeId, node == null ? "missing" : FlowNode.typeName(node), "error");
        FlowNode handler = node != null ? node : from == null ? null : flow.nodes().get(from);
        String onError = handler == null ? null : handler.onError();
        if (onError == null) {
          return Exit.FAILED;
        }
        from = nodeId;
        nodeId = onError;
      }
    }
  }

  private String visit(String nodeId, FlowNode node) {
    if (node instanceof PlayNode play) {
      return play(nodeId, play);
    } else if (node instanceof MenuNode m) {
      return menu.run(nodeId, m);
    } else if (node instanceof CollectDigitsNode c) {
      return digits.run(nodeId, c);
    } else if (node instanceof RecordNode r) {
      return record.run(nodeId, r);
    } else if (node instanceof SetNode set) {
      return variableSteps.set(nodeId, set);
    } else if (node instanceof BranchNode branch) {
      return variableSteps.branch(nodeId, branch);
    } else if (node instanceof HttpNode h) {
      return http.run(nodeId, h);
    } else if (node instanceof BusinessHoursNode hours) {
      return variableSteps.businessHours(nodeId, hours);
    } else if (node instanceof SubflowNode subflow) {
      return subflow(nodeId, subflow);
    } else if (node instanceof TransferNode t) {
      return transfer.run(nodeId, t);
    } else if (node instanceof HangupNode) {
      call.step(nodeId, "hangup", "hangUp");
      call.end(CallOutcome.COMPLETED);
      return null;
    }
    throw new FlowError("node '" + nodeId + "' has an unknown type " + node.getClass().getSimpleName());
  }

  private String play(String nodeId, PlayNode node) {
    Played played;
    if (node.recording() != null) {
      played = player.play(node.prompts(), node.recording(), recording(node.recording()), node.bargeIn());
    } else if (!node.say().isEmpty()) {
      SaySequence.Said said = SaySequence.build(call, node.say());
      played = player.playInParts(said.keys(), said.media(), node.bargeIn());
    } else {
      played = player.play(prompts(node), node.bargeIn());
    }
    if (played == Played.ENDED) {
      return call.withoutCompletion(nodeId, "play");
    }
    call.step(nodeId, "play", PromptPlayer.describe(played));
    return node.next();
  }

  /** The node's prompts, or those its expression chooses: 1..20 keys among those the expression lists. */
  private java.util.List<String> prompts(PlayNode node) {
    if (node.promptsExpression() == null) {
      return node.prompts();
    }
    java.util.List<String> keys = CelExpressions.strings(node.promptsExpression(), call.variables().current());
    if (keys.isEmpty() || keys.size() > PlayNode.MAX_PROMPTS) {
      throw new FlowError("promptsExpression yielded " + keys.size() + " prompts; play takes 1 to " + PlayNode.MAX_PROMPTS);
    }
    java.util.Set<String> allowed = CelExpressions.listedStrings(node.promptsExpression(), call.variables().current().keySet());
    for (String key : keys) {
      if (!allowed.contains(key)) {
        throw new FlowError("promptsExpression yielded '" + key + "', which is not one of the keys it lists " + allowed);
      }
    }
    return keys;
  }

  /**
   * The recording a record node put under {@code variable}, as media whose URL the worker signs: only
   * one of this call's own stored recordings, so a location set by other means is never played.
   */
  private MediaRef recording(String variable) {
    Object value = call.variables().get(variable);
    Object location = value instanceof Map<?, ?> meta ? meta.get("location") : null;
    if (!(location instanceof String name) || name.isBlank()) {
      throw new FlowError("play: variable '" + variable + "' holds no recording");
    }
    RecordingStored stored = call.stored().stream().filter(r -> name.equals(r.location())).findFirst()
        .orElseThrow(() -> new FlowError("play: variable '" + variable + "' names no recording of this call"));
    String base = call.prompts().apiBaseUrl();
    if (base == null) {
      throw new FlowError("play: the call has no prompt media, so the api's URL for its recordings is unknown");
    }
    // unique per recording: Graph caches media by resourceId
    String resourceId = UUID.nameUUIDFromBytes((name + "\n" + stored.sha256()).getBytes(StandardCharsets.UTF_8))
        .toString();
    return MediaRef.recording(base, name, resourceId, stored.durationMillis());
  }

  private String subflow(String nodeId, SubflowNode node) {
    Flow child = call.input().subflows().get(node.flow());
    if (child == null) {
      throw new FlowError("subflow '" + node.flow() + "' is not in the call input");
    }
    if (call.depth() >= MAX_DEPTH) {
      throw new FlowError("subflows nested deeper than " + MAX_DEPTH);
    }
    Map<String, Object> scope = new LinkedHashMap<>(child.variables());
    node.parameters().forEach((name, expr) -> scope.put(name, CelExpressions.evaluate(expr, call.variables().current())));
    call.step(nodeId, "subflow", "enter:" + child.id());
    call.enter(child, scope);
    Exit exit;
    Map<String, Object> results;
    try {
      exit = walk(child, child.start(), false);
    } finally {
      results = call.leave();
    }
    if (exit == Exit.FAILED) {
      throw new FlowError("subflow '" + child.id() + "' failed");
    }
    if (exit == Exit.ENDED) {
      return null;
    }
    node.returns().forEach((parentVar, childVar) -> call.variables().set(parentVar, results.get(childVar)));
    call.step(nodeId, "subflow", "returned");
    return node.next();
  }
}
