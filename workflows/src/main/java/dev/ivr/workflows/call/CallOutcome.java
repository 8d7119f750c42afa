package dev.ivr.workflows.call;

/**
 * How a call ended: the {@code outcome} of its {@link CallResult}, of its metrics
 * ({@code ivr_calls_ended{outcome}}) and of its call-index entry. The first reason wins: a call that
 * the flow transfers and whose caller then hangs up stays {@link #TRANSFERRED}. In JSON (workflow
 * results, queries, signals) it is the constant's name, as it was when outcomes were strings.
 */
public enum CallOutcome {
  /** The flow ran to a hangup node (or to its end). */
  COMPLETED,
  /** A transfer node, or an operator's transfer, handed the call to its target. */
  TRANSFERRED,
  /** The caller hung up (or Graph said the call is gone) before the flow ended it. */
  CALLER_HUNG_UP,
  /**
   * An outbound call the callee never answered: Graph ended it before it was established (no answer,
   * busy, declined, unreachable: Graph's code/subcode in the path, {@code createCall=failed:<code>/<subcode>},
   * and in the result's end reason). Outbound calls placed before it existed report {@link #CALLER_HUNG_UP}.
   * A call whose flow retries ({@code outbound.retry}) ends so after its last attempt.
   */
  NO_ANSWER,
  /** An operator hung up the call, or canceled the retries of an outbound call waiting between attempts. */
  OPERATOR_HUNG_UP,
  /** A Graph event the call waited for never came (establishing, a media completion). */
  TIMED_OUT,
  /**
   * The app was at its limit of live calls when the call came in, and the api chose Graph's
   * {@code reject} with reason {@code busy}: the call was never answered. (A call answered with the
   * busy prompt instead runs the busy flow and ends {@link #COMPLETED}.)
   */
  BUSY,
  /** The flow failed without an onError path, or Graph refused a request the call needed. */
  FAILED
}
