package dev.ivr.api.callback;

import dev.ivr.api.temporal.TemporalRpc;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallWorkflow;
import dev.ivr.workflows.event.GraphEventSignal;
import dev.ivr.workflows.visibility.CallMetadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Hands Graph events to call workflows. Each method returns only after the Temporal server has
 * persisted the signal, which is what makes answering 2xx safe. The workflow deduplicates, so a
 * redelivered notification is harmless.
 */
@Component
class CallSignaller {

  /** How a hand-off ended when Temporal answered. */
  enum Delivery {
    /** Persisted in the call's workflow history (started first if it was an incoming call). */
    DELIVERED,
    /** No workflow for this call: never started here, or started and already finished. */
    UNKNOWN_CALL,
    /** An incoming-call notification for a call whose workflow already finished: not restarted. */
    CALL_ENDED
  }

  /** Temporal could not be reached or refused for a reason a retry may fix; nothing was persisted. */
  static final class TemporalUnavailableException extends RuntimeException {
    TemporalUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final WorkflowClient client;
  private final TemporalRpc rpc;

  CallSignaller(WorkflowClient client, TemporalRpc rpc) {
    this.client = client;
    this.rpc = rpc;
  }

  /**
   * Starts the call's workflow with {@code input} unless it is running, then signals it, atomically.
   * A workflow id that already finished is not reused ({@code REJECT_DUPLICATE}): a late incoming
   * notification must not restart a call.
   */
  Delivery signalWithStart(CallInput input, GraphEventSignal signal) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(CallIds.workflowId(input.callId()))
            .setTaskQueue(CallIds.TASK_QUEUE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setStaticSummary(CallMetadata.staticSummary(input))
            .setStaticDetails(CallMetadata.staticDetails(input))
            .build();
    WorkflowStub stub = WorkflowStub.fromTyped(client.newWorkflowStub(CallWorkflow.class, options));
    return call(() -> stub.signalWithStart(CallIds.GRAPH_EVENT_SIGNAL, new Object[] {signal}, new Object[] {input}));
  }

  /** Signals the running workflow of {@code callId}. */
  Delivery signal(String callId, GraphEventSignal signal) {
    return signalWorkflow(CallIds.workflowId(callId), signal);
  }

  /** Signals the running workflow {@code workflowId} (an outbound call, named by its callbackUri). */
  Delivery signalWorkflow(String workflowId, GraphEventSignal signal) {
    CallWorkflow workflow = client.newWorkflowStub(CallWorkflow.class, workflowId);
    return call(
        () -> {
          workflow.onGraphEvent(signal);
          return null;
        });
  }

  /**
   * Runs one hand-off under a gRPC deadline of {@code ivr.temporal.rpc-timeout}, retries included,
   * whichever {@link WorkflowClient} was supplied (ours, a test's, the embedded launcher's).
   */
  private Delivery call(Supplier<?> call) {
    try {
      rpc.call(call::get);
      return Delivery.DELIVERED;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return Delivery.CALL_ENDED;
    } catch (WorkflowNotFoundException e) {
      return Delivery.UNKNOWN_CALL;
    } catch (WorkflowServiceException | StatusRuntimeException e) {
      Status.Code code = statusCode(e);
      if (code != null && !RETRYABLE.contains(code)) {
        // e.g. INVALID_ARGUMENT or PERMISSION_DENIED: a redelivery would fail the same way
        throw new IllegalStateException("Temporal rejected the signal: " + code, e);
      }
      throw new TemporalUnavailableException("Temporal did not accept the signal: " + rootMessage(e), e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Set<Status.Code> RETRYABLE =
      EnumSet.of(
          Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.ABORTED, Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.CANCELLED);

  private static Status.Code statusCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StatusRuntimeException sre) {
        return sre.getStatus().getCode();
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
