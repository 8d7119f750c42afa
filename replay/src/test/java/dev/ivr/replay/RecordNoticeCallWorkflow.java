package dev.ivr.replay;

import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.CallWorkflowImpl;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.RecordNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An unguarded change: "the interpreter now plays a notice before every record node" (here the
 * flow's first prompt). Calls that never reached a record node replay as before; calls that did now
 * issue a playPrompt where their history has a recordResponse.
 */
public class RecordNoticeCallWorkflow extends CallWorkflowImpl {
  @Override
  public CallResult run(CallInput input) {
    String notice = input.prompts().keySet().stream().findFirst().map(k -> k.substring(k.indexOf('/') + 1))
        .orElse("notice");
    Map<String, Flow> subflows = new LinkedHashMap<>();
    input.subflows().forEach((id, flow) -> subflows.put(id, withNotice(flow, notice)));
    // everything else of the input as it was (the outbound target, whether the call reports to the index…)
    return super.run(input.withFlow(withNotice(input.flow(), notice)).withSubflows(subflows));
  }

  private static Flow withNotice(Flow flow, String notice) {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    flow.nodes().forEach((id, node) -> {
      if (node instanceof RecordNode) {
        nodes.put(id, new PlayNode(List.of(notice), id + "~record"));
        nodes.put(id + "~record", node);
      } else {
        nodes.put(id, node);
      }
    });
    return new Flow(flow.id(), flow.version(), flow.description(), flow.locales(), flow.localeVariable(),
        flow.variables(), flow.redact(), flow.start(), flow.onHangup(), nodes);
  }
}
