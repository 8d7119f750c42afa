package dev.ivr.workflows.call;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ivr.workflows.event.IncomingCall;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.MediaRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a call workflow needs, fixed at start: the Graph call, where its notifications go
 * ({@code callbackUri}, the api's webhook), the flow it runs and the subflows it calls (pinned by
 * version), the prompts resolved to media (keys {@code <locale>/<key>}, or bare keys), the initial
 * variables (e.g. those given to an outbound call), the timeouts, and for an outbound call whom it
 * rings ({@link OutboundTarget}). The workflow reads no configuration.
 *
 * <p>{@code callId} is Graph's call id of an incoming call. An outbound call has none until the
 * workflow places it, so its {@code callId} is its workflow id ({@code call-<32 hex>}), the id the
 * call is known by in results, search attributes and the call index.
 *
 * <p>{@code callIndex}: whether the call reports its start and end to the call index workflow, the
 * list of calls on a Temporal server without visibility (the Java test server). The api decides when
 * it starts the call; on a server with visibility (every real one) it is false, because operators
 * list calls by their search attributes there. Calls started before it existed reported (null reads
 * as true).
 *
 * <p>{@code incomingCall}: who called whom, from an incoming call's notification (null for an outbound
 * call, whose parties are its target and source, and in calls started before it existed). The flow
 * sees both as the variables {@code caller} and {@code called} ({@link CallParties}).
 * <p>{@code admission}: null for an admitted call; {@link #BUSY_REJECT} or {@link #BUSY_PROMPT} when
 * the api found the app at its limit of live calls (issue 18's admission control). {@code split}: the
 * split alias and target that chose the flow (gradual rollout), or null. The workflow reads neither.
 *
 * <p>Calls started before {@code outbound} existed carried the target in the initial variables
 * {@code targetPhone}/{@code targetUser} and {@code sourceApplicationInstance}: such an input decodes
 * with {@code outbound} read from them, and keeps its variables as they were, so it replays.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallInput(
    String callId,
    String tenantId,
    String direction,
    String callbackUri,
    Flow flow,
    Map<String, Flow> subflows,
    Map<String, MediaRef> prompts,
    Map<String, Object> variables,
    CallTimeouts timeouts,
    OutboundTarget outbound,
    Boolean callIndex,
    IncomingCall incomingCall,
    String admission,
    String split) {
  public static final String INCOMING = "incoming";
  public static final String OUTGOING = "outgoing";
  /** {@code admission}: past the app's limit of live calls, refuse with Graph's reject, reason busy. */
  public static final String BUSY_REJECT = "busy-reject";
  /** {@code admission}: past the limit, answer, play the busy flow (its prompt) and hang up. */
  public static final String BUSY_PROMPT = "busy-prompt";

  public CallInput {
    CallIds.normalise(callId);
    if (flow == null) {
      throw new IllegalArgumentException("flow is required");
    }
    subflows = subflows == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(subflows));
    prompts = prompts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(prompts));
    variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    timeouts = timeouts == null ? CallTimeouts.defaults() : timeouts;
    if (outbound == null && OUTGOING.equalsIgnoreCase(direction)) {
      outbound = OutboundTarget.fromLegacyVariables(variables);
    }
    callIndex = callIndex == null ? Boolean.TRUE : callIndex;
  }

  /** An input as before {@code incomingCall} and {@code admission} existed: an admitted call that does not know who called whom. */
  public CallInput(String callId, String tenantId, String direction, String callbackUri, Flow flow,
      Map<String, Flow> subflows, Map<String, MediaRef> prompts, Map<String, Object> variables, CallTimeouts timeouts,
      OutboundTarget outbound, Boolean callIndex) {
    this(callId, tenantId, direction, callbackUri, flow, subflows, prompts, variables, timeouts, outbound, callIndex,
        null, null, null);
  }

  /** An input as before {@code callIndex} existed: it reports to the call index. */
  public CallInput(String callId, String tenantId, String direction, String callbackUri, Flow flow,
      Map<String, Flow> subflows, Map<String, MediaRef> prompts, Map<String, Object> variables, CallTimeouts timeouts,
      OutboundTarget outbound) {
    this(callId, tenantId, direction, callbackUri, flow, subflows, prompts, variables, timeouts, outbound, null);
  }

  /** An incoming call, without an outbound target. */
  public CallInput(String callId, String tenantId, String direction, String callbackUri, Flow flow,
      Map<String, Flow> subflows, Map<String, MediaRef> prompts, Map<String, Object> variables, CallTimeouts timeouts) {
    this(callId, tenantId, direction, callbackUri, flow, subflows, prompts, variables, timeouts, null);
  }

  public CallInput(String callId, String tenantId, String direction, String callbackUri, Flow flow,
      Map<String, MediaRef> prompts, CallTimeouts timeouts) {
    this(callId, tenantId, direction, callbackUri, flow, null, prompts, null, timeouts, null);
  }

  /** An incoming call of Graph's {@code callId} running {@code flow}; the rest by the {@code with…} methods. */
  public static CallInput incoming(String callId, String tenantId, String callbackUri, Flow flow) {
    return new CallInput(callId, tenantId, INCOMING, callbackUri, flow, null, null, null, null, null);
  }

  /** An outbound call, known by its workflow id until Graph names it, ringing {@code target}. */
  public static CallInput outgoing(String workflowId, String tenantId, String callbackUri, Flow flow,
      OutboundTarget target) {
    if (target == null) {
      throw new IllegalArgumentException("an outbound call needs a target");
    }
    return new CallInput(workflowId, tenantId, OUTGOING, callbackUri, flow, null, null, null, null, target);
  }

  public CallInput withSubflows(Map<String, Flow> subflows) {
    return new CallInput(callId, tenantId, direction, callbackUri, flow, subflows, prompts, variables, timeouts, outbound,
        callIndex, incomingCall, admission, split);
  }

  public CallInput withPrompts(Map<String, MediaRef> prompts) {
    return new CallInput(callId, tenantId, direction, callbackUri, flow, subflows, prompts, variables, timeouts, outbound,
        callIndex, incomingCall, admission, split);
  }

  public CallInput withVariables(Map<String, Object> variables) {
    return new CallInput(callId, tenantId, direction, callbackUri, flow, subflows, prompts, variables, timeouts, outbound,
        callIndex, incomingCall, admission, split);
  }

  public CallInput withTimeouts(CallTimeouts timeouts) {
    return new CallInput(callId, tenantId, direction, callbackUri, flow, subflows, prompts, variables, timeouts, outbound,
        callIndex, incomingCall, admission, split);
  }

  public CallInput withFlow(Flow flow) {
    return new CallInput(callId, tenantId, direction, callbackUri, flow, subflows, prompts, variables, timeouts, outbound,
        callIndex, incomingCall, admission, split);
  }

  /** The same input, reporting to the call index or not. */
  public CallInput withCallIndex(boolean report) {
    return new CallInput(callId, tenantId, direction, callbackUri, flow, subflows, prompts, variables, timeouts, outbound,
        report, incomingCall, admission, split);
  }

  /** The same input, knowing who called whom (the incoming-call notification's identities). */
  public CallInput withIncomingCall(IncomingCall incomingCall) {
    return new CallInput(callId, tenantId, direction, callbackUri, flow, subflows, prompts, variables, timeouts, outbound,
        callIndex, incomingCall, admission, split);
  }

  /**
   * The same input, answered as the app's limit of live calls says ({@link #BUSY_REJECT},
   * {@link #BUSY_PROMPT}; null: admitted). Calls started before it existed were all admitted.
   */
  public CallInput withAdmission(String admission) {
    return new CallInput(callId, tenantId, direction, callbackUri, flow, subflows, prompts, variables, timeouts, outbound,
        callIndex, incomingCall, admission, split);
  }

  /**
   * The same input, its flow chosen by a split alias: {@code <alias>:<target>} (e.g.
   * {@code support:main-menu@3fa2c1d4e5f6}); the api sets it as the search attribute {@code FlowSplit}.
   */
  public CallInput withSplit(String split) {
    return new CallInput(callId, tenantId, direction, callbackUri, flow, subflows, prompts, variables, timeouts, outbound,
        callIndex, incomingCall, admission, split);
  }

  /** Whether the call is refused with Graph's reject, reason busy, instead of being answered. */
  @JsonIgnore
  public boolean rejectsBusy() {
    return BUSY_REJECT.equals(admission);
  }

  /** Whether the bot places this call (createCall) rather than answers it. */
  @JsonIgnore
  public boolean isOutgoing() {
    return OUTGOING.equalsIgnoreCase(direction);
  }
}
