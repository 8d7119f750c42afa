package dev.ivr.emulator;

/**
 * How the far end of an outbound call, a redirect or a transfer behaves
 * ({@link GraphEmulator#registerCallee}, {@code POST /admin/callees}). Unregistered targets answer
 * after {@link EmulatorConfig#ringSeconds()} and run {@link CallerScript#defaults()}.
 *
 * @param outcome what happens when the target is rung
 * @param script what the callee does once connected (outbound calls; null = default script)
 */
public record Callee(Outcome outcome, CallerScript script) {

  /** What happens when a target is rung. */
  public enum Outcome {
    /** Answers after the ring time (outbound: established; redirect/transfer: succeeds). */
    ANSWER,
    /** Never answers: outbound ends 408/10057 after the ring timeout; transfer fails; redirect times out. */
    NO_ANSWER,
    /** Cannot be reached: outbound ends 480/10076; transfer fails. */
    UNREACHABLE,
    /** Has no endpoints: outbound ends 480/10037 at once; transfer fails. */
    NO_ENDPOINTS
  }

  public Callee {
    if (outcome == null) outcome = Outcome.ANSWER;
  }

  public static Callee answering(CallerScript script) {
    return new Callee(Outcome.ANSWER, script);
  }

  public static Callee of(Outcome outcome) {
    return new Callee(outcome, null);
  }
}
