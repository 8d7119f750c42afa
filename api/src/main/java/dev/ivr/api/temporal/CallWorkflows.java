package dev.ivr.api.temporal;

import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallTimeouts;
import dev.ivr.workflows.call.CallWorkflow;
import dev.ivr.workflows.event.GraphEventSignal;
import dev.ivr.workflows.visibility.CallMetadata;
import dev.ivr.workflows.visibility.CallSearchAttributes;
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
import io.temporal.common.SearchAttributes;
import io.temporal.client.WorkflowExecutionDescription;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The one place in the api that starts and signals call workflows. It owns the workflow id rule
 * ({@code call-<normalised Graph call id>}, or {@code call-<uuid>} for an outbound call), the
 * options (task queue, the run timeout {@link CallTimeouts#RUN_TIMEOUT}, id conflict and reuse policies, the static summary and details the Web UI
 * shows), whether a call reports to the call index ({@link TemporalVisibility}), and what a failure means: {@link TemporalUnavailableException} when a retry may help.
 *
 * <p>Every method returns only after the Temporal server has persisted the start or the signal,
 * which is what makes the webhook's 202 safe; each RPC runs under {@code ivr.temporal.rpc-timeout}.
 * The workflow deduplicates events, so a redelivered notification is harmless.
 */
@Component
public class CallWorkflows {

  /** How a hand-off ended when Temporal answered. */
  public enum Delivery {
    /** Persisted in the call's workflow history (started first if it was an incoming call). */
    DELIVERED,
    /** No workflow for this call: never started here, or started and already finished. */
    UNKNOWN_CALL,
    /** An incoming-call notification for a call whose workflow already finished: not restarted. */
    CALL_ENDED
  }

  /** What a Graph call id may look like here: a GUID, upper-cased or without dashes, or similar. */
  private static final Pattern GRAPH_CALL_ID = Pattern.compile("[A-Za-z0-9._:~-]{1,200}");

  private static final Set<Status.Code> RETRYABLE =
      EnumSet.of(
          Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.ABORTED, Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.CANCELLED);

  private final WorkflowClient client;
  private final TemporalRpc rpc;
  private final TemporalVisibility visibility;

  public CallWorkflows(WorkflowClient client, TemporalRpc rpc, TemporalVisibility visibility) {
    this.client = client;
    this.rpc = rpc;
    this.visibility = visibility;
  }

  /**
   * The workflow id of a Graph call, {@code call-<id lower-cased without dashes>}; null when the id
   * cannot be a Graph call id (blank, too long, or characters Graph never uses).
   */
  public static String workflowIdOf(String graphCallId) {
    if (graphCallId == null || !GRAPH_CALL_ID.matcher(graphCallId.trim()).matches()) {
      return null;
    }
    return CallIds.workflowId(graphCallId);
  }

  /** Whether {@code id} is a workflow id of ours: {@code call-} and 32 lower-case hex digits. */
  public static boolean isWorkflowId(String id) {
    return CallIds.isWorkflowId(id);
  }

  /** A new outbound call's workflow id: Graph names the call only once the workflow places it. */
  public static String newOutboundWorkflowId() {
    return CallIds.workflowId(UUID.randomUUID().toString());
  }

  /**
   * Starts an incoming call's workflow with {@code input} unless it is running, then signals it,
   * atomically (signalWithStart, {@code USE_EXISTING}). A workflow id that already finished is not
   * reused ({@code REJECT_DUPLICATE}): a late incoming notification must not restart a call.
   */
  public Delivery startIncoming(CallInput given, GraphEventSignal signal) {
    CallInput input = withCallIndex(given);
    String workflowId = workflowIdOf(input.callId());
    if (workflowId == null) {
      throw new IllegalArgumentException("not a Graph call id: " + input.callId());
    }
    WorkflowOptions options = options(workflowId, input)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build();
    WorkflowStub stub = WorkflowStub.fromTyped(client.newWorkflowStub(CallWorkflow.class, options));
    return deliver(() -> stub.signalWithStart(CallIds.GRAPH_EVENT_SIGNAL, new Object[] {signal}, new Object[] {input}));
  }

  /**
   * Starts an outbound call's workflow under {@code workflowId} (from {@link #newOutboundWorkflowId()});
   * returns once Temporal has persisted the start. The id is new, so any conflict is an error.
   */
  public void startOutbound(String workflowId, CallInput given) {
    CallInput input = withCallIndex(given);
    if (!isWorkflowId(workflowId)) {
      throw new IllegalArgumentException("not a call workflow id: " + workflowId);
    }
    CallWorkflow workflow = client.newWorkflowStub(CallWorkflow.class, options(workflowId, input)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .build());
    Delivery delivery = deliver(() -> WorkflowClient.start(workflow::run, input));
    if (delivery != Delivery.DELIVERED) {
      throw new IllegalStateException("outbound call " + workflowId + " was not started: " + delivery);
    }
  }

  /**
   * Starts an outbound call's workflow under {@code workflowId} with {@code memo} (e.g. what an
   * idempotency key was used for); false when a workflow with that id exists or existed (its id is
   * kept as long as the namespace retains it): the caller's earlier request started it.
   */
  public boolean startOutboundOnce(String workflowId, CallInput given, Map<String, ?> memo) {
    CallInput input = withCallIndex(given);
    if (!isWorkflowId(workflowId)) {
      throw new IllegalArgumentException("not a call workflow id: " + workflowId);
    }
    CallWorkflow workflow = client.newWorkflowStub(CallWorkflow.class, options(workflowId, input)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .setMemo(Map.copyOf(memo))
        .build());
    return deliver(() -> WorkflowClient.start(workflow::run, input)) == Delivery.DELIVERED;
  }

  /**
   * The memo {@code key} of the call workflow {@code workflowId} (running or closed, while the
   * namespace retains it), as a map; empty when there is no such workflow. A workflow without that
   * memo gives an empty map.
   */
  public Optional<Map<String, String>> memo(String workflowId, String key) {
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    try {
      WorkflowExecutionDescription description = rpc.call(stub::describe);
      @SuppressWarnings("unchecked")
      Map<String, String> memo = (Map<String, String>) description.getMemo(key, Map.class);
      return Optional.of(memo == null ? Map.of() : Map.copyOf(memo));
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (WorkflowServiceException | StatusRuntimeException e) {
      if (statusCode(e) == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw new TemporalUnavailableException("Temporal did not answer: " + rootMessage(e), e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signals the running workflow {@code workflowId} with a Graph event. */
  public Delivery signal(String workflowId, GraphEventSignal signal) {
    CallWorkflow workflow = client.newWorkflowStub(CallWorkflow.class, workflowId);
    return deliver(() -> {
      workflow.onGraphEvent(signal);
      return null;
    });
  }

  /**
   * A call reports to the call index only where the server has no visibility (the Java test server):
   * elsewhere operators find calls by their search attributes, and a signal to an index that does not
   * exist would show in the call's history as a failed event.
   */
  private CallInput withCallIndex(CallInput input) {
    return input.withCallIndex(!visibility.available());
  }

  /**
   * The options every call workflow starts with; the caller adds the conflict policy. A call refused at
   * the limit of live calls carries its {@code Admission} from its start, so counts leave it out at once;
   * one whose flow a split alias chose, its {@code FlowSplit}.
   */
  private static WorkflowOptions.Builder options(String workflowId, CallInput input) {
    WorkflowOptions.Builder builder = WorkflowOptions.newBuilder();
    if (input.admission() != null || input.split() != null) {
      SearchAttributes.Builder attributes = SearchAttributes.newBuilder();
      if (input.admission() != null) {
        attributes.set(CallSearchAttributes.ADMISSION, input.admission());
      }
      if (input.split() != null) {
        attributes.set(CallSearchAttributes.FLOW_SPLIT, input.split());
      }
      builder.setTypedSearchAttributes(attributes.build());
    }
    return builder
        .setWorkflowId(workflowId)
        .setTaskQueue(CallIds.TASK_QUEUE)
        .setWorkflowRunTimeout(CallTimeouts.RUN_TIMEOUT)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setStaticSummary(CallMetadata.staticSummary(input))
        .setStaticDetails(CallMetadata.staticDetails(input));
  }

  /** Runs one RPC under the deadline and maps what Temporal answered. */
  private Delivery deliver(Callable<?> call) {
    try {
      rpc.call(call);
      return Delivery.DELIVERED;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return Delivery.CALL_ENDED;
    } catch (WorkflowNotFoundException e) {
      return Delivery.UNKNOWN_CALL;
    } catch (WorkflowServiceException | StatusRuntimeException e) {
      Status.Code code = statusCode(e);
      if (code != null && !RETRYABLE.contains(code)) {
        // e.g. INVALID_ARGUMENT or PERMISSION_DENIED: a retry would fail the same way
        throw new IllegalStateException("Temporal rejected the request: " + code, e);
      }
      throw new TemporalUnavailableException("Temporal did not accept the request: " + rootMessage(e), e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

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
