package dev.ivr.api.temporal;

import io.grpc.Context;
import io.grpc.Deadline;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs a Temporal RPC under a gRPC deadline of {@code ivr.temporal.rpc-timeout}, the SDK's own
 * retries included, whichever {@link io.temporal.client.WorkflowClient} was supplied (ours, a test's,
 * the embedded launcher's). Callers map the failures to their own answers.
 */
@Component
public class TemporalRpc implements DisposableBean {
  private final Duration timeout;
  /** Only fires the deadlines; the RPCs themselves run on the caller's thread. */
  private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "temporal-rpc-deadlines");
    t.setDaemon(true);
    return t;
  });

  public TemporalRpc(TemporalRpcProperties rpc) {
    this.timeout = rpc.rpcTimeout();
  }

  /** The RPC's result; its exceptions pass through unchanged. */
  public <T> T call(Callable<T> rpc) throws Exception {
    Context.CancellableContext bounded =
        Context.current().withDeadline(Deadline.after(timeout.toMillis(), TimeUnit.MILLISECONDS), deadlines);
    try {
      return bounded.call(rpc);
    } finally {
      bounded.cancel(null);
    }
  }

  @Override
  public void destroy() {
    deadlines.shutdownNow();
  }
}
