package dev.ivr.workflows.call;

import dev.ivr.workflows.event.CallEvents;
import dev.ivr.workflows.event.ToneReceived;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The caller's DTMF keys in the order Graph numbered them ({@link CallEvents} already dropped
 * repeats by sequenceId). Keys pressed while nothing listens stay buffered: the type-ahead buffer.
 */
final class Keys {
  private final CallEvents events;
  /** True while an operator action waits to run: a wait for keys then ends with {@link OperatorInterrupt}. */
  private final BooleanSupplier interrupted;

  Keys(CallEvents events, BooleanSupplier interrupted) {
    this.events = events;
    this.interrupted = interrupted;
  }

  /** Graph's tone name as a key 0-9, * or #; null for tones a flow cannot use (a-d, flash). */
  static String key(String tone) {
    String key = ToneReceived.keyOf(tone);
    return key != null && "0123456789*#".contains(key) ? key : null;
  }

  boolean buffered() {
    return events.hasTone();
  }

  /** The next buffered key, or null. */
  String poll() {
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
  String await(Duration timeout) {
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

  void clear() {
    events.clearTones();
  }
}
