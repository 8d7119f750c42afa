package dev.ivr.api.console;

import dev.ivr.api.temporal.TemporalRpc;
import dev.ivr.api.temporal.TemporalUnavailableException;
import dev.ivr.api.temporal.TemporalVisibility;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.CallSnapshot;
import dev.ivr.workflows.call.CallWorkflow;
import dev.ivr.workflows.operator.OperatorAction;
import dev.ivr.workflows.visibility.CallIndexEntry;
import dev.ivr.workflows.visibility.CallIndexWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;

/**
 * What the console asks of Temporal: visibility queries (or, on a server without visibility, the call
 * index), a call's snapshot and result, an operator's signal. Every RPC runs under
 * {@link TemporalRpc}'s deadline; failures become {@link UnknownCallException} (no
 * such workflow, or it has ended) or {@link TemporalUnavailableException} (the service cannot be
 * reached in time).
 */
@Component
public class CallQueries {

  /** No workflow with this id (or, for a signal, it has already ended). */
  public static final class UnknownCallException extends RuntimeException {
    UnknownCallException(String workflowId) {
      super("no call " + workflowId);
    }
  }

  private final WorkflowClient client;
  private final TemporalRpc rpc;
  private final TemporalVisibility visibility;

  CallQueries(WorkflowClient client, TemporalRpc rpc, TemporalVisibility visibility) {
    this.client = client;
    this.rpc = rpc;
    this.visibility = visibility;
  }

  /**
   * The workflows a visibility query finds, at most {@code pageSize}, in the server's order (running
   * ones by start time, closed ones by close time, newest first); empty when the server has no
   * visibility (the Java test server answers UNIMPLEMENTED; {@link TemporalVisibility} remembers it).
   */
  public Optional<List<WorkflowExecutionMetadata>> list(String query, int pageSize) {
    if (!visibility.available()) {
      return Optional.empty();
    }
    try {
      ListWorkflowExecutionsResponse page = rpc.call(() -> client.getWorkflowServiceStubs().blockingStub()
          .listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace()).setQuery(query).setPageSize(pageSize).build()));
      return Optional.of(page.getExecutionsList().stream()
          .map(info -> new WorkflowExecutionMetadata(info, client.getOptions().getDataConverter()))
          .toList());
    } catch (StatusRuntimeException e) {
      return noVisibility(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many workflows a visibility query finds; empty without visibility, as {@link #list}. */
  public Optional<Long> count(String query) {
    if (!visibility.available()) {
      return Optional.empty();
    }
    try {
      return Optional.of(rpc.call(() -> client.getWorkflowServiceStubs().blockingStub()
          .countWorkflowExecutions(CountWorkflowExecutionsRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace()).setQuery(query).build()).getCount()));
    } catch (StatusRuntimeException e) {
      return noVisibility(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> Optional<T> noVisibility(StatusRuntimeException e) {
    if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
      visibility.unimplemented();
      return Optional.empty();
    }
    throw new TemporalUnavailableException(e);
  }

  /** The result of a closed call workflow (its outcome); unknown calls as {@link UnknownCallException}. */
  public CallResult result(String workflowId) {
    WorkflowStub call = client.newUntypedWorkflowStub(workflowId);
    return run(workflowId, () -> call.getResult(CallResult.class));
  }

  /** The newest calls, or empty when the call index workflow does not exist (yet). */
  public Optional<List<CallIndexEntry>> recent(int limit) {
    try {
      CallIndexWorkflow index = client.newWorkflowStub(CallIndexWorkflow.class, CallIds.CALL_INDEX_WORKFLOW_ID);
      return Optional.of(List.copyOf(run(CallIds.CALL_INDEX_WORKFLOW_ID, () -> index.recent(limit))));
    } catch (UnknownCallException e) {
      return Optional.empty();
    }
  }

  /**
   * Everything the console shows of one call; works on ended calls too. A call whose workflow tasks keep
   * failing (a worker without the key its payloads were encrypted with, a tampered payload, a bug) cannot
   * answer: that is reported as a {@link CallStuckException} with the last failure's reason, not as
   * Temporal being away.
   */
  public CallSnapshot snapshot(String workflowId) {
    CallWorkflow call = client.newWorkflowStub(CallWorkflow.class, workflowId);
    try {
      return run(workflowId, call::snapshot);
    } catch (TemporalUnavailableException | WorkflowQueryException e) {
      Optional<String> failing = failingTask(workflowId);
      if (failing.isPresent()) {
        throw new CallStuckException(workflowId, failing.get());
      }
      throw e;
    }
  }

  /** Raised when a call's workflow task keeps failing; the message says why, never a payload. */
  public static final class CallStuckException extends RuntimeException {
    CallStuckException(String workflowId, String reason) {
      super(workflowId + " is stuck: its workflow task fails (" + reason + "). The call is kept; it goes on once"
          + " the cause is fixed (e.g. the worker gets the missing payload key), or an operator terminates it");
    }
  }

  /** The last workflow task failure's reason when the call's pending workflow task is a retry; else empty. */
  private Optional<String> failingTask(String workflowId) {
    try {
      var description = rpc.call(() -> client.newUntypedWorkflowStub(workflowId).describe().getRawDescription());
      if (!description.hasPendingWorkflowTask() || description.getPendingWorkflowTask().getAttempt() < 2) {
        return Optional.empty();
      }
      int attempt = description.getPendingWorkflowTask().getAttempt();
      var failures = rpc.call(() -> client.fetchHistory(workflowId).getEvents().stream()
          .filter(io.temporal.api.history.v1.HistoryEvent::hasWorkflowTaskFailedEventAttributes)
          .map(e -> e.getWorkflowTaskFailedEventAttributes().getFailure()).toList());
      if (failures.isEmpty()) {
        return Optional.of("attempt " + attempt);
      }
      StringBuilder reason = new StringBuilder("attempt " + attempt + ": ");
      try {
        // the codec's own failure says why (it names the key id); otherwise the deepest cause does: the
        // outer ones are the SDK's wrapping
        Throwable t = client.getOptions().getDataConverter().failureToException(failures.get(failures.size() - 1));
        String why = null;
        for (; t != null; t = t.getCause() == t ? null : t.getCause()) {
          String message = t instanceof io.temporal.failure.ApplicationFailure app ? app.getOriginalMessage()
              : t.getMessage();
          if (t instanceof io.temporal.failure.ApplicationFailure app && app.getType().endsWith("PayloadCodecException")) {
            why = message;
            break;
          }
          why = message;
        }
        reason.append(why);
      } catch (RuntimeException undecodable) {
        reason.append("its failure cannot be decrypted here: ").append(undecodable.getMessage());
      }
      return Optional.of(reason.length() > 600 ? reason.substring(0, 600) + "…" : reason.toString());
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /**
   * The Temporal status of the call workflow's latest run, without the enum's prefix: {@code RUNNING},
   * {@code COMPLETED}, {@code TERMINATED}, {@code TIMED_OUT}, {@code FAILED}, {@code CANCELED}… One
   * describe RPC: no replay, unlike a query.
   */
  public String status(String workflowId) {
    WorkflowStub call = client.newUntypedWorkflowStub(workflowId);
    WorkflowExecutionStatus status = run(workflowId, () -> call.describe().getStatus());
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
  }

  /** Signals an operator's action; returns once Temporal has persisted it. */
  public void act(String workflowId, OperatorAction action) {
    CallWorkflow call = client.newWorkflowStub(CallWorkflow.class, workflowId);
    run(workflowId, () -> {
      call.onOperatorAction(action);
      return null;
    });
  }

  private <T> T run(String workflowId, Callable<T> call) {
    try {
      return rpc.call(call);
    } catch (WorkflowNotFoundException e) {
      throw new UnknownCallException(workflowId);
    } catch (WorkflowQueryException e) {
      if (e.getCause() instanceof WorkflowNotFoundException) {
        throw new UnknownCallException(workflowId);
      }
      throw e;
    } catch (WorkflowServiceException | StatusRuntimeException e) {
      if (Status.fromThrowable(e).getCode() == Status.Code.NOT_FOUND) {
        throw new UnknownCallException(workflowId);
      }
      throw new TemporalUnavailableException(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
