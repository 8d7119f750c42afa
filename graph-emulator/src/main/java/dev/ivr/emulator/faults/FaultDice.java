package dev.ivr.emulator.faults;

import dev.ivr.emulator.FaultPlan;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The seeded random decisions of one fault plan (one call, or the global plan). Same seed, same
 * sequence of questions, same answers.
 */
public final class FaultDice {

  private final FaultPlan plan;
  private final SplittableRandom random;
  private final Map<FaultPlan.GraphError, Integer> fired = new HashMap<>();

  public FaultDice(FaultPlan plan, long seed) {
    this.plan = plan;
    this.random = new SplittableRandom(seed);
  }

  public FaultPlan plan() {
    return plan;
  }

  /** True with probability {@code p} (p <= 0 never, p >= 1 always, no draw in either case). */
  public synchronized boolean roll(double p) {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return random.nextDouble() < p;
  }

  /** The injected Graph error for this action, if one fires now. */
  public synchronized FaultPlan.GraphError graphError(String action) {
    for (FaultPlan.GraphError e : plan.graphErrors()) {
      boolean matches = e.action() == null || e.action().isBlank() || "any".equalsIgnoreCase(e.action())
          || e.action().equalsIgnoreCase(action);
      if (!matches) continue;
      if (e.times() > 0) {
        int n = fired.getOrDefault(e, 0);
        if (n >= e.times()) continue;
        fired.put(e, n + 1);
        return e;
      }
      if (roll(e.probability() <= 0 ? 1.0 : e.probability())) return e;
    }
    return null;
  }
}
