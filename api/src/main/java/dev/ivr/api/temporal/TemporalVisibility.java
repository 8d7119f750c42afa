package dev.ivr.api.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Whether the Temporal server answers visibility queries ({@code ListWorkflowExecutions},
 * {@code CountWorkflowExecutions}): every real server does (the CLI's dev server, a cluster, Temporal
 * Cloud); the Java test server answers UNIMPLEMENTED. Where it does, operators list calls by their
 * search attributes and no call reports to the call index. Learnt from the server's own answers: a
 * probe (one count) when nothing is known, and every UNIMPLEMENTED a visibility query meets; a "no"
 * is asked again after a minute, a server that cannot be reached changes nothing.
 */
@Component
public class TemporalVisibility {
  static final long RECHECK_MILLIS = 60_000;

  private final WorkflowClient client;
  private final TemporalRpc rpc;
  private final LongSupplier clock;
  private volatile Boolean available;
  private volatile long knownAt;

  @Autowired
  public TemporalVisibility(WorkflowClient client, TemporalRpc rpc) {
    this(client, rpc, System::currentTimeMillis);
  }

  TemporalVisibility(WorkflowClient client, TemporalRpc rpc, LongSupplier clock) {
    this.client = client;
    this.rpc = rpc;
    this.clock = clock;
  }

  /** Whether visibility queries work; true when it cannot be known (a real server is the norm). */
  public boolean available() {
    Boolean known = available;
    if (known != null && (known || clock.getAsLong() - knownAt < RECHECK_MILLIS)) {
      return known;
    }
    try {
      rpc.call(() -> client.getWorkflowServiceStubs().blockingStub().countWorkflowExecutions(
          CountWorkflowExecutionsRequest.newBuilder().setNamespace(client.getOptions().getNamespace())
              .setQuery("WorkflowType = 'CallWorkflow'").build()));
      remember(true);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        remember(false);
      }
    } catch (Exception e) {
      // unreachable right now: nothing learnt
    }
    return available == null || available;
  }

  /** A visibility query met UNIMPLEMENTED: the server has none (asked again after a minute). */
  public void unimplemented() {
    remember(false);
  }

  private void remember(boolean value) {
    available = value;
    knownAt = clock.getAsLong();
  }
}
