package dev.ivr.workflows.call;

import dev.ivr.workflows.graph.KeepAlive;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Keeps a connected call alive: Graph ends a call that has not received {@code keepAlive} for 45
 * minutes, so the call sends one every {@link #INTERVAL} (Graph asks for 15 to 45 minutes, 15
 * recommended) from a durable timer, until it ends. A worker restart loses nothing: the timer is in
 * the call's history.
 *
 * <p>Guarded by {@link #CHANGE_ID}, taken when the call starts (see {@code CallWorkflowImpl}): calls
 * that started before it replay without the timer.
 */
final class CallKeepAlive {
  /** The change id of this behaviour (one per feature, never reused; see docs/replay.md). */
  static final String CHANGE_ID = "graph-keep-alive";
  /** Graph's recommendation, the lower end of its 15 to 45 minutes. */
  static final Duration INTERVAL = Duration.ofMinutes(15);

  private CallKeepAlive() {}

  /** Starts the keep-alive beside the flow (for a call that took this change). */
  static void start(CallSession call) {
    Async.procedure(() -> keepAlive(call));
  }

  private static void keepAlive(CallSession call) {
    Duration every = call.scaled(INTERVAL);
    // await returns true once the call has ended: the pending timer is then cancelled
    while (!Workflow.await(every, call::hasEnded)) {
      // a 404 marks the call gone; any other failure is retried by the activity, then at the next tick
      call.callGraph(() -> call.graph("keep alive").keepAlive(new KeepAlive(call.graphCallId())));
    }
  }
}
