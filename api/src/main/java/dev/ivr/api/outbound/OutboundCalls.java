package dev.ivr.api.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ivr.api.CallProperties;
import dev.ivr.api.PublicUrls;
import dev.ivr.api.callback.CallbackProperties;
import dev.ivr.api.admission.Admission;
import dev.ivr.api.flow.CallFlows;
import dev.ivr.api.temporal.CallWorkflows;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.OutboundTarget;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts outbound calls' workflows. The workflow id, {@code call-<uuid without dashes>}, is made
 * here and is also the call's {@code callId} in its input, because Graph names the call only once
 * the workflow has created it. The call's {@code callbackUri} is the webhook with
 * {@code ?workflowId=<id>}, so its notifications reach this workflow without knowing Graph's id.
 * Whom it rings travels typed ({@link OutboundTarget}); the variables are the request's.
 *
 * <p>Caps: the app's limit of live calls ({@link Admission}, shared with incoming calls) and a rate cap
 * ({@code ivr.outbound.max-calls-per-second}, {@code burst}); over either the caller gets 429.
 */
@Component
class OutboundCalls {

  private static final Logger log = LoggerFactory.getLogger(OutboundCalls.class);
  /** The memo of a call started by {@code POST /api/calls}: its request's hash, flow and version. */
  static final String MEMO = "outboundRequest";
  private static final String REQUEST = "sha256";
  private static final String FLOW = "flow";
  private static final String VERSION = "version";
  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final CallWorkflows workflows;
  private final CallFlows flows;
  private final PublicUrls urls;
  private final CallbackProperties callback;
  private final OutboundProperties properties;
  private final CallProperties calls;
  private final Admission admission;
  private final OutboundRate rate;

  OutboundCalls(CallWorkflows workflows, CallFlows flows, PublicUrls urls, CallbackProperties callback,
      OutboundProperties properties, CallProperties calls, Admission admission) {
    this.admission = admission;
    this.rate = new OutboundRate(properties.maxCallsPerSecond(), properties.burst(), System::nanoTime);
    this.workflows = workflows;
    this.flows = flows;
    this.urls = urls;
    this.callback = callback;
    this.properties = properties;
    this.calls = calls;
  }

  String sourceApplicationInstance() {
    return properties.sourceApplicationInstance();
  }

  /** The flow (id or alias) the call {@code workflowId} runs: a split alias picks by the workflow id. */
  Optional<CallFlows.PinnedFlow> pin(String flow, String workflowId) {
    return flows.named(flow, workflowId, urls.baseUrl());
  }

  /** The new call's workflow id: derived from the idempotency key, else new. */
  static String workflowIdFor(String idempotencyKey) {
    return idempotencyKey == null ? CallWorkflows.newOutboundWorkflowId() : keyedWorkflowId(idempotencyKey);
  }

  /** What became of a request to call. */
  sealed interface Outcome {}

  /** Started now, or earlier by the same idempotency key and request ({@code replayed}). */
  record Started(String workflowId, String flow, String version, boolean replayed) implements Outcome {}

  /** Not started: over a cap (429, retry after {@code retryAfterSeconds}). */
  record Refused(String detail, long retryAfterSeconds) implements Outcome {}

  /** The idempotency key was used before for a different request (422). */
  record KeyReused(String workflowId) implements Outcome {}

  /**
   * Starts the call's workflow unless a cap refuses it; with an idempotency key, at most once per key:
   * the workflow id is derived from the key, so a retry (from any api instance) finds the call the
   * first request started instead of placing a second one. Throws
   * {@link dev.ivr.api.temporal.TemporalUnavailableException} when Temporal cannot be reached.
   */
  Outcome start(String workflowId, CallFlows.PinnedFlow pinned, OutboundCallRequest request, String idempotencyKey) {
    String fingerprint = fingerprint(request);
    if (idempotencyKey != null) {
      Optional<Outcome> earlier = earlier(workflowId, fingerprint);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    long wait = rate.take();
    if (wait > 0) {
      return new Refused("over the outbound rate cap of " + properties.maxCallsPerSecond() + " calls per second",
          Math.max(1, (wait + 999) / 1000));
    }
    if (!admission.outbound(workflowId)) {
      rate.giveBack();
      return new Refused("the app is at its limit of " + admission.limit() + " live calls", 1);
    }
    OutboundCallRequest.Target requested = request.target();
    OutboundTarget target = new OutboundTarget(requested.phone(), requested.user(), properties.sourceApplicationInstance());
    CallInput input = CallInput.outgoing(workflowId, properties.tenantId(),
            urls.resolve(callback.path()) + "?workflowId=" + workflowId, pinned.flow(), target)
        .withSubflows(pinned.subflows())
        .withPrompts(pinned.prompts())
        .withVariables(request.variables())
        .withTimeouts(calls.timeouts())
        .withSplit(pinned.split());
    Map<String, String> memo = Map.of(REQUEST, fingerprint, FLOW, pinned.flow().id(), VERSION, pinned.flow().version());
    boolean started;
    try {
      started = workflows.startOutboundOnce(workflowId, input, Map.of(MEMO, memo));
    } catch (RuntimeException e) {
      admission.release(workflowId);
      rate.giveBack();
      throw e;
    }
    if (!started) { // the same key, started by a concurrent request a moment ago
      admission.release(workflowId);
      rate.giveBack();
      return earlier(workflowId, fingerprint)
          .orElseThrow(() -> new IllegalStateException("outbound call " + workflowId + " exists but cannot be read"));
    }
    log.info("Started outbound call {} running flow '{}' version {}", workflowId, pinned.flow().id(),
        pinned.flow().version());
    return new Started(workflowId, pinned.flow().id(), pinned.flow().version(), false);
  }

  /** The call an idempotency key started before, if any: the same request, or the key reused. */
  private Optional<Outcome> earlier(String workflowId, String fingerprint) {
    return workflows.memo(workflowId, MEMO).map(memo -> fingerprint.equals(memo.get(REQUEST))
        ? new Started(workflowId, memo.get(FLOW), memo.get(VERSION), true)
        : new KeyReused(workflowId));
  }

  /**
   * The workflow id of a keyed request: {@code call-} and a name-based UUID of the key, so the key
   * itself (which a client may have made from personal data) is never in Temporal.
   */
  static String keyedWorkflowId(String idempotencyKey) {
    return CallIds.workflowId(
        UUID.nameUUIDFromBytes(("ivr-outbound-call:" + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString());
  }

  /** SHA-256 of the request in a canonical JSON form (map keys sorted): only a hash goes into the memo. */
  static String fingerprint(OutboundCallRequest request) {
    try {
      byte[] json = CANONICAL.writeValueAsBytes(request);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint the request", e);
    }
  }
}
