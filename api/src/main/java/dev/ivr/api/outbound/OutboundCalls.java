package dev.ivr.api.outbound;

import dev.ivr.api.CallProperties;
import dev.ivr.api.PublicUrls;
import dev.ivr.api.callback.CallbackProperties;
import dev.ivr.api.flow.CallFlows;
import dev.ivr.api.temporal.CallWorkflows;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.OutboundTarget;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts outbound calls' workflows. The workflow id, {@code call-<uuid without dashes>}, is made
 * here and is also the call's {@code callId} in its input, because Graph names the call only once
 * the workflow has created it. The call's {@code callbackUri} is the webhook with
 * {@code ?workflowId=<id>}, so its notifications reach this workflow without knowing Graph's id.
 * Whom it rings travels typed ({@link OutboundTarget}); the variables are the request's.
 */
@Component
class OutboundCalls {

  private static final Logger log = LoggerFactory.getLogger(OutboundCalls.class);

  private final CallWorkflows workflows;
  private final CallFlows flows;
  private final PublicUrls urls;
  private final CallbackProperties callback;
  private final OutboundProperties properties;
  private final CallProperties calls;

  OutboundCalls(CallWorkflows workflows, CallFlows flows, PublicUrls urls, CallbackProperties callback,
      OutboundProperties properties, CallProperties calls) {
    this.workflows = workflows;
    this.flows = flows;
    this.urls = urls;
    this.callback = callback;
    this.properties = properties;
    this.calls = calls;
  }

  String sourceApplicationInstance() {
    return properties.sourceApplicationInstance();
  }

  Optional<CallFlows.PinnedFlow> pin(String flow) {
    return flows.named(flow, urls.baseUrl());
  }

  /**
   * Starts the call's workflow; returns its id once Temporal has persisted the start. Throws
   * {@link dev.ivr.api.temporal.TemporalUnavailableException} when Temporal cannot be reached.
   */
  String start(CallFlows.PinnedFlow pinned, OutboundCallRequest.Target requested, Map<String, Object> variables) {
    String workflowId = CallWorkflows.newOutboundWorkflowId();
    OutboundTarget target = new OutboundTarget(requested.phone(), requested.user(), properties.sourceApplicationInstance());
    CallInput input = CallInput.outgoing(workflowId, properties.tenantId(),
            urls.resolve(callback.path()) + "?workflowId=" + workflowId, pinned.flow(), target)
        .withSubflows(pinned.subflows())
        .withPrompts(pinned.prompts())
        .withVariables(variables)
        .withTimeouts(calls.timeouts());
    workflows.startOutbound(workflowId, input);
    log.info("Started outbound call {} running flow '{}' version {}", workflowId, pinned.flow().id(),
        pinned.flow().version());
    return workflowId;
  }
}
