package dev.ivr.emulator;

/**
 * How the far end of an outbound call, a redirect or a transfer behaves
 * ({@link GraphEmulator#registerCallee}, {@code POST /admin/callees}). Unregistered targets answer
 * after {@link EmulatorConfig#ringSeconds()} and run {@link CallerScript#defaults()}.
 *
 * <p>Each outcome ends an outbound call ({@code deleted}, state {@code terminated}) or fails a
 * transfer ({@code updated}, back to {@code established}) with a resultInfo: the default of the
 * outcome (see {@link Outcome}), or {@link #result()} when given, so that any code Graph or Azure
 * Communication Services documents can be produced (e.g. {@code withResult(408, 8544, …)}).
 *
 * @param outcome what happens when the target is rung
 * @param script what the callee does once connected (outbound calls; null = default script)
 * @param result the resultInfo that ends the attempt instead of the outcome's default (null = the default);
 *     ignored for {@link Outcome#ANSWER}
 */
public record Callee(Outcome outcome, CallerScript script, Result result) {

  /**
   * What happens when a target is rung. The resultInfo of each failure, on an outbound call and on a
   * transfer (which Graph reports as {@code established} again with a resultInfo; docs: 500/7000 for
   * a transfer, 500/7700 for a consultative one). Pairings marked [inferred] are not documented.
   */
  public enum Outcome {
    /** Answers after the ring time (outbound: established; redirect/transfer: succeeds). */
    ANSWER(0, 0, null),
    /**
     * Never answers: outbound ends 408/10057 "no signaling from callee endpoints" (call-delete's
     * table) after the ringing timeout; a transfer fails 500/7000 (500/7700 consultative) as in
     * call-transfer's examples [pairing inferred]; a redirect times out.
     */
    NO_ANSWER(408, 10057, "Call timed out due to no signaling from callee endpoints."),
    /** Cannot be reached: 480/10076 "Callee could not be reached" (call-delete's table). */
    UNREACHABLE(480, 10076, "Callee could not be reached."),
    /** Has no endpoints: 480/10037 at once (call-delete's table). */
    NO_ENDPOINTS(480, 10037, "No callee endpoints were found."),
    /** Busy: 486/8539 "Callee Busy" (ACS subcode; code 486, SIP's Busy Here, [inferred]). */
    BUSY(486, 8539, "Callee Busy."),
    /** Declines: 603/8538 "Callee Declined" (ACS subcode and its 603 Declined). */
    DECLINED(603, 8538, "Callee Declined.");

    private final int code;
    private final int subcode;
    private final String message;

    Outcome(int code, int subcode, String message) {
      this.code = code;
      this.subcode = subcode;
      this.message = message;
    }

    /** The resultInfo that ends an outbound call to this callee (none for ANSWER). */
    public Result defaultResult() {
      return this == ANSWER ? null : new Result(code, subcode, message);
    }
  }

  /** A Graph resultInfo. */
  public record Result(int code, int subcode, String message) {
    public Result {
      message = message == null ? "The call could not be completed." : message;
    }
  }

  public Callee {
    if (outcome == null) outcome = Outcome.ANSWER;
  }

  public Callee(Outcome outcome, CallerScript script) {
    this(outcome, script, null);
  }

  public static Callee answering(CallerScript script) {
    return new Callee(Outcome.ANSWER, script, null);
  }

  public static Callee of(Outcome outcome) {
    return new Callee(outcome, null, null);
  }

  /** This callee, ending the attempt with this resultInfo instead of its outcome's default. */
  public Callee withResult(int code, int subcode, String message) {
    return new Callee(outcome, script, new Result(code, subcode, message));
  }

  /** The resultInfo that ends an outbound call to this callee: {@link #result()}, else the outcome's. */
  public Result endResult() {
    return result != null ? result : outcome.defaultResult();
  }
}
