package dev.ivr.workflows.call;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ivr.workflows.event.ResultInfo;

/**
 * One placing of an outbound call whose flow retries ({@code outbound.retry}): its number (1-based),
 * when it was placed (workflow time) and how it ended: {@code answered}, or why it was not, the reason
 * of Graph's end ({@code noAnswer}, {@code busy}, {@code declined}, {@code unreachable}, {@code failed}),
 * {@code noAnswer} too when it rang (establishing) for the whole established limit and the bot hung it
 * up, {@code timedOut} (never established nor ringing in time), {@code refused} (Graph refused to place it).
 * {@code endReason} is Graph's resultInfo of an attempt it ended (null otherwise).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallAttempt(int attempt, long placedAtMillis, String outcome, ResultInfo endReason) {
  public static final String ANSWERED = "answered";
  public static final String TIMED_OUT = "timedOut";
  /** Graph's no-answer (408/10057), or an attempt that rang for the whole established limit. */
  public static final String NO_ANSWER = "noAnswer";
  public static final String REFUSED = "refused";
}
