package dev.ivr.flowtools;

import dev.ivr.workflows.flow.BranchNode;
import dev.ivr.workflows.flow.BusinessHoursNode;
import dev.ivr.workflows.flow.CollectDigitsNode;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.HttpNode;
import dev.ivr.workflows.flow.MenuNode;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.RecordNode;
import dev.ivr.workflows.flow.SayItem;
import dev.ivr.workflows.flow.SetNode;
import dev.ivr.workflows.flow.SubflowNode;
import dev.ivr.workflows.flow.TransferNode;
import dev.ivr.workflows.flow.expr.CelExpressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a flow's nodes refer to, each with the path of the key that says it (relative to the node),
 * so that problems can name the line: successors, prompt keys, the variables nodes set, and CEL
 * expressions.
 */
final class FlowGraph {

  /** A reference from a node: {@code value} written at {@code path} under the node. */
  record Ref(String value, List<Object> path) {
    Ref {
      path = List.copyOf(path);
    }
  }

  private FlowGraph() {}

  static List<Ref> successors(FlowNode node) {
    List<Ref> refs = new ArrayList<>();
    if (node instanceof PlayNode n) {
      add(refs, n.next(), "next");
    } else if (node instanceof MenuNode n) {
      n.choices().forEach((key, next) -> add(refs, next, "choices", key));
      add(refs, n.onMaxFailures(), "onMaxFailures");
      add(refs, n.onMaxTimeouts(), "onMaxTimeouts");
    } else if (node instanceof CollectDigitsNode n) {
      add(refs, n.next(), "next");
      add(refs, n.onNoInput(), "onNoInput");
      add(refs, n.onNoMatch(), "onNoMatch");
    } else if (node instanceof RecordNode n) {
      n.outcomes().forEach((reason, next) -> add(refs, next, "outcomes", reason));
      add(refs, n.next(), "next");
      add(refs, n.noInput(), "noInput");
    } else if (node instanceof SetNode n) {
      add(refs, n.next(), "next");
    } else if (node instanceof BranchNode n) {
      for (int i = 0; i < n.conditions().size(); i++) {
        add(refs, n.conditions().get(i).next(), "conditions", i, "next");
      }
      add(refs, n.otherwise(), "otherwise");
    } else if (node instanceof HttpNode n) {
      n.onStatus().forEach((status, next) -> add(refs, next, "onStatus", status));
      for (int i = 0; i < n.branches().size(); i++) {
        add(refs, n.branches().get(i).next(), "branches", i, "next");
      }
      add(refs, n.next(), "next");
    } else if (node instanceof BusinessHoursNode n) {
      add(refs, n.open(), "open");
      add(refs, n.closed(), "closed");
    } else if (node instanceof SubflowNode n) {
      add(refs, n.next(), "next");
    } else if (node instanceof TransferNode n) {
      n.outcomes().forEach((reason, next) -> add(refs, next, "outcomes", reason));
      add(refs, n.onFailure(), "onFailure");
    } else if (!(node instanceof HangupNode)) {
      throw new IllegalArgumentException("unknown node type " + node.getClass().getSimpleName());
    }
    add(refs, node.onError(), "onError");
    return dedupe(refs);
  }

  /** Nodes that end the call (or the subflow) by themselves when they succeed. */
  static boolean isTerminal(FlowNode node) {
    return node instanceof HangupNode || node instanceof TransferNode;
  }

  /**
   * Nodes that cannot run once the caller has hung up ({@link FlowNode#runsAfterHangup}); a hangup
   * node may end an onHangup chain.
   */
  static boolean usesMedia(FlowNode node) {
    return !FlowNode.runsAfterHangup(node) && !(node instanceof HangupNode);
  }

  static List<Ref> prompts(FlowNode node) {
    List<Ref> refs = new ArrayList<>();
    if (node instanceof PlayNode n) {
      if (n.promptsExpression() != null) {
        CelExpressions.listedStrings(n.promptsExpression(), Set.of()).forEach(key -> add(refs, key, "promptsExpression"));
      }
      for (int i = 0; i < n.prompts().size(); i++) {
        add(refs, n.prompts().get(i), "prompts", i);
      }
      for (int i = 0; i < n.say().size(); i++) {
        add(refs, n.say().get(i).prompt(), "say", i, "prompt");
      }
    } else if (node instanceof MenuNode n) {
      add(refs, n.greeting(), "greeting");
      add(refs, n.shortGreeting(), "shortGreeting");
      add(refs, n.invalidPrompt(), "invalidPrompt");
      add(refs, n.timeoutPrompt(), "timeoutPrompt");
      n.noInputPrompts().forEach((count, key) -> add(refs, key, "noInputPrompts", String.valueOf(count)));
      n.noMatchPrompts().forEach((count, key) -> add(refs, key, "noMatchPrompts", String.valueOf(count)));
    } else if (node instanceof CollectDigitsNode n) {
      add(refs, n.prompt(), "prompt");
      add(refs, n.noInputPrompt(), "noInputPrompt");
      add(refs, n.noMatchPrompt(), "noMatchPrompt");
    } else if (node instanceof RecordNode n) {
      add(refs, n.prompt(), "prompt");
    }
    return refs;
  }

  /** Every prompt key the flow plays, in order of first use. */
  static Set<String> promptKeys(Flow flow) {
    Set<String> keys = new LinkedHashSet<>();
    for (FlowNode node : flow.nodes().values()) {
      prompts(node).forEach(ref -> keys.add(ref.value()));
    }
    return keys;
  }

  /** Whether some play node of {@code flow} says something ({@code say}): the flow needs the say fragments. */
  static boolean says(Flow flow) {
    return flow.nodes().values().stream().anyMatch(node -> node instanceof PlayNode play && !play.say().isEmpty());
  }

  /** The variables a node writes: its name → the path that names it. */
  static List<Ref> setsVariables(FlowNode node) {
    List<Ref> refs = new ArrayList<>();
    if (node instanceof MenuNode n) {
      add(refs, n.variable(), "variable");
    } else if (node instanceof CollectDigitsNode n) {
      add(refs, n.variable(), "variable");
    } else if (node instanceof RecordNode n) {
      add(refs, n.variable(), "variable");
    } else if (node instanceof SetNode n) {
      n.values().keySet().forEach(name -> add(refs, name, "values", name));
    } else if (node instanceof HttpNode n) {
      n.responseMapping().keySet().forEach(name -> add(refs, name, "responseMapping", name));
    } else if (node instanceof SubflowNode n) {
      n.returns().keySet().forEach(name -> add(refs, name, "returns", name));
    }
    return refs;
  }

  /** Every variable a flow declares: its {@code variables} and those its nodes set. */
  static Set<String> declaredVariables(Flow flow) {
    Set<String> names = new LinkedHashSet<>(flow.variables().keySet());
    for (FlowNode node : flow.nodes().values()) {
      setsVariables(node).forEach(ref -> names.add(ref.value()));
    }
    return names;
  }

  /** A CEL expression, and whether it also sees {@code response} (http response mapping). */
  record Expression(String text, List<Object> path, boolean seesResponse) {
    Expression {
      path = List.copyOf(path);
    }
  }

  static List<Expression> expressions(FlowNode node) {
    List<Expression> list = new ArrayList<>();
    if (node instanceof PlayNode n) {
      if (n.promptsExpression() != null) {
        list.add(new Expression(n.promptsExpression(), List.of("promptsExpression"), false));
      }
      for (int i = 0; i < n.say().size(); i++) {
        SayItem item = n.say().get(i);
        if (item.prompt() == null) {
          list.add(new Expression(item.value(), List.of("say", i, item.kind()), false));
        }
      }
    } else if (node instanceof SetNode n) {
      n.values().forEach((name, cel) -> list.add(new Expression(cel, List.of("values", name), false)));
    } else if (node instanceof BranchNode n) {
      for (int i = 0; i < n.conditions().size(); i++) {
        list.add(new Expression(n.conditions().get(i).when(), List.of("conditions", i, "when"), false));
      }
    } else if (node instanceof HttpNode n) {
      list.add(new Expression(n.url(), List.of("url"), false));
      n.headers().forEach((name, cel) -> list.add(new Expression(cel, List.of("headers", name), false)));
      if (n.body() != null) {
        list.add(new Expression(n.body(), List.of("body"), false));
      }
      n.responseMapping().forEach((name, cel) -> list.add(new Expression(cel, List.of("responseMapping", name), true)));
      for (int i = 0; i < n.branches().size(); i++) {
        list.add(new Expression(n.branches().get(i).when(), List.of("branches", i, "when"), true));
      }
    } else if (node instanceof SubflowNode n) {
      n.parameters().forEach((name, cel) -> list.add(new Expression(cel, List.of("parameters", name), false)));
    } else if (node instanceof TransferNode n) {
      if (n.targetExpression() != null) {
        list.add(new Expression(n.targetExpression(), List.of("targetExpression"), false));
      }
      if (n.replacesCallId() != null) {
        list.add(new Expression(n.replacesCallId(), List.of("replacesCallId"), false));
      }
    }
    return list;
  }

  /** Node id → the nodes it can go to, in declared order. */
  static Map<String, List<String>> edges(Flow flow) {
    Map<String, List<String>> edges = new LinkedHashMap<>();
    flow.nodes().forEach((id, node) -> edges.put(id, successors(node).stream().map(Ref::value).toList()));
    return edges;
  }

  private static void add(List<Ref> refs, String value, Object... path) {
    if (value != null) {
      refs.add(new Ref(value, List.of(path)));
    }
  }

  /** Defaults copy one successor into several fields; report each target once, at its first field. */
  private static List<Ref> dedupe(List<Ref> refs) {
    Map<String, Ref> seen = new LinkedHashMap<>();
    List<Ref> unique = new ArrayList<>();
    for (Ref ref : refs) {
      if (seen.putIfAbsent(ref.value(), ref) == null) {
        unique.add(ref);
      }
    }
    return unique;
  }
}
