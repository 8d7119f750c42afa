package dev.ivr.workflows.interpreter;

import dev.ivr.workflows.event.CallEvents;
import dev.ivr.workflows.event.ToneReceived;
import dev.ivr.workflows.operator.OperatorInterrupt;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The caller's DTMF keys in the order Graph numbered them ({@link CallEvents} already dropped
 * repeats by sequenceId). Keys pressed while nothing listens stay buffered: the type-ahead buffer.
 */
public final class ToneBuffer {
  private final CallEvents events;
  /** True while an operator action waits to run: a wait for keys then ends with {@link OperatorInterrupt}. */
  private final BooleanSupplier interrupted;

  public ToneBuffer(CallEvents events, BooleanSupplier interrupted) {
    this.events = events;
    this.interrupted = interrupted;
  }

  /** Graph's tone name as a key 0-9, * or #; null for tones a flow cannot use (a-d, flash). */
  public static String key(String tone) {
    String key = ToneReceived.keyOf(tone);
    return key != null && "0123456789*#".contains(key) ? key : null;
  }

  public boolean buffered() {
    return events.hasTone();
  }

  /** The next buffered key, or null. */
  public String poll() {
    while (events.hasTone()) {
      String key = key(events.nextTone().tone());
      if (key != null) {
        return key;
      }
    }
    return null;
  }

  /**
   * The next key within {@code timeout} (already scaled); null on timeout or hang-up. An operator
   * action interrupts the wait with {@link OperatorInterrupt}.
   */
  public String await(Duration timeout) {
    long deadline = Workflow.currentTimeMillis() + Math.max(1, timeout.toMillis());
    while (true) {
      String key = poll();
      if (key != null) {
        return key;
      }
      long left = deadline - Workflow.currentTimeMillis();
      if (left <= 0 || events.isTerminated()) {
        return null;
      }
      if (interrupted.getAsBoolean()) {
        throw new OperatorInterrupt();
      }
      Workflow.await(Duration.ofMillis(left),
          () -> events.hasTone() || events.isTerminated() || interrupted.getAsBoolean());
    }
  }

  public void clear() {
    events.clearTones();
  }
}
