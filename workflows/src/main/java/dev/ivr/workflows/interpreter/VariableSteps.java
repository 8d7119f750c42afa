package dev.ivr.workflows.interpreter;

import dev.ivr.workflows.call.CallSession;
import dev.ivr.workflows.flow.BranchNode;
import dev.ivr.workflows.flow.BusinessHoursNode;
import dev.ivr.workflows.flow.SetNode;
import dev.ivr.workflows.flow.expr.CelExpressions;
import io.temporal.workflow.Workflow;

/** The steps that only read and write variables (and workflow time): set, branch, businessHours. */
final class VariableSteps {
  private final CallSession call;

  VariableSteps(CallSession call) {
    this.call = call;
  }

  /** Sets the values in order, so a later expression sees an earlier value. */
  String set(String nodeId, SetNode node) {
    node.values().forEach((name, expr) -> call.variables().set(name, CelExpressions.evaluate(expr, call.variables().current())));
    call.step(nodeId, "set", "set");
    return node.next();
  }

  String branch(String nodeId, BranchNode node) {
    for (int i = 0; i < node.conditions().size(); i++) {
      BranchNode.Condition condition = node.conditions().get(i);
      if (CelExpressions.test(condition.when(), call.variables().current())) {
        call.step(nodeId, "branch", "when:" + i);
        return condition.next();
      }
    }
    call.step(nodeId, "branch", "otherwise");
    return node.otherwise();
  }

  String businessHours(String nodeId, BusinessHoursNode node) {
    boolean open = BusinessHours.isOpen(node, call.input().timeouts().businessClock(Workflow.currentTimeMillis()));
    call.step(nodeId, "businessHours", open ? "open" : "closed");
    return open ? node.open() : node.closed();
  }
}
