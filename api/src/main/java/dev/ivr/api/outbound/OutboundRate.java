package dev.ivr.api.outbound;

import java.util.function.LongSupplier;

/**
 * The outbound rate cap: a token bucket of {@code burst} tokens refilled at {@code perSecond}. One
 * token per accepted call; none left: the caller is told when the next one comes.
 */
final class OutboundRate {
  private final double perSecond;
  private final int burst;
  private final LongSupplier nanos;
  private double tokens;
  private long refilledAt;

  OutboundRate(double perSecond, int burst, LongSupplier nanos) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanos = nanos;
    this.tokens = burst;
    this.refilledAt = nanos.getAsLong();
  }

  /** Takes a token: 0 when the call may go, else the milliseconds until a token is due. */
  synchronized long take() {
    long now = nanos.getAsLong();
    tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond * 1000));
  }

  /** Gives back a token taken for a call that was not started after all. */
  synchronized void giveBack() {
    tokens = Math.min(burst, tokens + 1);
  }
}
