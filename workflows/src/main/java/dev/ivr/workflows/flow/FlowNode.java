package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One node of an IVR flow. Nodes name their successors by node id. Every node may name an
 * {@link #onError()} path, taken when the node cannot do its job (a Graph failure, an expression
 * that fails to evaluate, an external system that answers with an error).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = PlayNode.class, name = "play"),
  @JsonSubTypes.Type(value = MenuNode.class, name = "menu"),
  @JsonSubTypes.Type(value = CollectDigitsNode.class, name = "collectDigits"),
  @JsonSubTypes.Type(value = RecordNode.class, name = "record"),
  @JsonSubTypes.Type(value = SetNode.class, name = "set"),
  @JsonSubTypes.Type(value = BranchNode.class, name = "branch"),
  @JsonSubTypes.Type(value = HttpNode.class, name = "http"),
  @JsonSubTypes.Type(value = BusinessHoursNode.class, name = "businessHours"),
  @JsonSubTypes.Type(value = SubflowNode.class, name = "subflow"),
  @JsonSubTypes.Type(value = TransferNode.class, name = "transfer"),
  @JsonSubTypes.Type(value = HangupNode.class, name = "hangup")
})
public sealed interface FlowNode
    permits PlayNode, MenuNode, CollectDigitsNode, RecordNode, SetNode, BranchNode, HttpNode, BusinessHoursNode,
        SubflowNode, TransferNode, HangupNode {

  /** The node to go to when this node fails; null means the call ends as FAILED (after a hang-up). */
  String onError();

  /**
   * Whether the node runs in a flow's {@code onHangup} chain, after the caller has gone: only nodes
   * that neither play nor listen (set, branch, http, businessHours). Any other node ends the chain.
   * The interpreter and the validator both use this one rule.
   */
  static boolean runsAfterHangup(FlowNode node) {
    return node instanceof SetNode || node instanceof BranchNode || node instanceof HttpNode
        || node instanceof BusinessHoursNode;
  }

  /**
   * The type name the flow file uses for this node ({@code play}, {@code collectDigits}…), from the
   * model's one subtype table above: the interpreter's path, the console's diagram and the call's
   * current node type all name it the same way.
   */
  static String typeName(FlowNode node) {
    return TypeNames.BY_CLASS.get(node.getClass());
  }

  /** The subtype table, read once. */
  final class TypeNames {
    private static final java.util.Map<Class<?>, String> BY_CLASS = java.util.Arrays
        .stream(FlowNode.class.getAnnotation(JsonSubTypes.class).value())
        .collect(java.util.stream.Collectors.toUnmodifiableMap(JsonSubTypes.Type::value, JsonSubTypes.Type::name));

    private TypeNames() {}
  }
}
