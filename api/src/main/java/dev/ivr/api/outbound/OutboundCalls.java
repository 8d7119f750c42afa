package dev.ivr.api.outbound;

import dev.ivr.api.CallProperties;
import dev.ivr.api.PublicUrls;
import dev.ivr.api.callback.CallbackProperties;
import dev.ivr.api.flow.CallFlows;
import dev.ivr.api.temporal.TemporalRpc;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallWorkflow;
import dev.ivr.workflows.visibility.CallMetadata;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts outbound calls' workflows. The workflow id, {@code call-<uuid without dashes>}, is made
 * here and is also the call's {@code callId} in its input, because Graph names the call only once
 * the workflow has created it. The call's {@code callbackUri} is the webhook with
 * {@code ?workflowId=<id>}, so its notifications reach this workflow without knowing Graph's id.
 *
 * <p>Initial variables: the request's, plus {@code targetPhone} or {@code targetUser} and
 * {@code sourceApplicationInstance}, which the workflow's create-call uses.
 */
@Component
class OutboundCalls {

  private static final Logger log = LoggerFactory.getLogger(OutboundCalls.class);

  /** Temporal could not be reached: nothing was started. */
  static final class TemporalUnavailableException extends RuntimeException {
    TemporalUnavailableException(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }

  private final WorkflowClient client;
  private final CallFlows flows;
  private final PublicUrls urls;
  private final CallbackProperties callback;
  private final OutboundProperties properties;
  private final TemporalRpc rpc;
  private final CallProperties calls;

  OutboundCalls(WorkflowClient client, CallFlows flows, PublicUrls urls, CallbackProperties callback,
      OutboundProperties properties, TemporalRpc rpc, CallProperties calls) {
    this.calls = calls;
    this.client = client;
    this.flows = flows;
    this.urls = urls;
    this.callback = callback;
    this.properties = properties;
    this.rpc = rpc;
  }

  String sourceApplicationInstance() {
    return properties.sourceApplicationInstance();
  }

  Optional<CallFlows.PinnedFlow> pin(String flow) {
    return flows.named(flow, urls.baseUrl());
  }

  /** Starts the call's workflow; returns its id once Temporal has persisted the start. */
  String start(CallFlows.PinnedFlow pinned, OutboundCallRequest.Target target, Map<String, Object> requested) {
    String workflowId = CallIds.workflowId(UUID.randomUUID().toString());
    Map<String, Object> variables = new LinkedHashMap<>(requested);
    if (target.phone() != null) {
      variables.put("targetPhone", target.phone());
    } else {
      variables.put("targetUser", target.user());
    }
    if (properties.sourceApplicationInstance() != null) {
      variables.put("sourceApplicationInstance", properties.sourceApplicationInstance());
    }
    CallInput input = new CallInput(workflowId, properties.tenantId(), "outgoing",
        urls.resolve(callback.path()) + "?workflowId=" + workflowId, pinned.flow(), pinned.subflows(), pinned.prompts(),
        variables, calls.timeouts());
    WorkflowOptions options = WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(CallIds.TASK_QUEUE)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setStaticSummary(CallMetadata.staticSummary(input))
        .setStaticDetails(CallMetadata.staticDetails(input))
        .build();
    CallWorkflow workflow = client.newWorkflowStub(CallWorkflow.class, options);
    try {
      rpc.call(() -> WorkflowClient.start(workflow::run, input));
    } catch (WorkflowServiceException | io.grpc.StatusRuntimeException e) {
      throw new TemporalUnavailableException(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    log.info("Started outbound call {} running flow '{}' version {}", workflowId, pinned.flow().id(),
        pinned.flow().version());
    return workflowId;
  }
}
