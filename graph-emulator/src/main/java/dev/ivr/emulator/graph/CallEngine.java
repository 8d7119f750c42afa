package dev.ivr.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivr.emulator.CallView;
import dev.ivr.emulator.Callee;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.faults.FaultDice;
import dev.ivr.emulator.http.HttpError;
import dev.ivr.emulator.http.Json;
import dev.ivr.emulator.media.PromptFetcher;
import dev.ivr.emulator.media.RecordingStore;
import dev.ivr.emulator.notify.Delivery;
import dev.ivr.emulator.notify.NotificationDispatcher;
import dev.ivr.emulator.script.ScriptRunner;
import dev.ivr.emulator.time.EmulatedClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The calls and their lifecycle: incoming and outbound calls, answer, reject, redirect, transfer,
 * keepAlive, hang-up, the per-call FIFO media queue with playPrompt and the recordResponse state
 * machine, DTMF, and every notification that follows. All state changes run on the emulator loop;
 * the public methods may be called from any thread.
 */
public final class CallEngine {

  /** Result of starting a media operation: the response body, and when to answer. */
  public record OpStart(ObjectNode body, String operationId, CompletableFuture<Integer> completionDelivered,
      boolean holdResponseUntilCompletion) {}

  private final EmulatorConfig config;
  private final EmulatedClock clock;
  private final NotificationDispatcher notifier;
  private final PromptFetcher prompts;
  private final RecordingStore recordings;
  private final Supplier<String> baseUrl;
  private final AtomicReference<FaultDice> globalDice;
  private final Ids ids;
  private final MediaEngine media;
  private final Map<String, Call> calls = new ConcurrentHashMap<>();
  private final Map<String, Callee> callees = new ConcurrentHashMap<>();

  public CallEngine(EmulatorConfig config, EmulatedClock clock, NotificationDispatcher notifier, PromptFetcher prompts,
      RecordingStore recordings, Supplier<String> baseUrl) {
    this.config = config;
    this.clock = clock;
    this.notifier = notifier;
    this.prompts = prompts;
    this.recordings = recordings;
    this.baseUrl = baseUrl;
    this.ids = new Ids(config.seed(), config.deterministicIds());
    this.media = new MediaEngine(config, clock, prompts, recordings, ids, baseUrl, this::send);
    this.globalDice = new AtomicReference<>(new FaultDice(config.faults(), config.seed()));
    notifier.onCallbackMoved((callId, uri) -> clock.execute(() -> {
      Call c = calls.get(key(callId));
      if (c != null) c.callbackUri = uri;
    }));
  }

  // ---------------------------------------------------------------- faults

  /** Replaces the global fault plan (applies to calls raised afterwards and to call-less requests). */
  public void globalFaults(FaultPlan plan) {
    globalDice.set(new FaultDice(plan, config.seed()));
  }

  public FaultPlan globalFaults() {
    return globalDice.get().plan();
  }

  /** The fault decisions for a request on this call (the global ones when the call is unknown). */
  public FaultDice diceFor(String callIdOrNull) {
    Call c = callIdOrNull == null ? null : calls.get(key(callIdOrNull));
    return c != null ? c.dice : globalDice.get();
  }

  public void registerCallee(String target, Callee callee) {
    callees.put(target.toLowerCase(Locale.ROOT), callee);
  }

  // ---------------------------------------------------------------- incoming

  /** Raises an incoming call and posts its {@code created} notification. Returns the call id. */
  public String raiseIncoming(IncomingCallSpec spec) {
    try {
      Validation.checkCallbackUri(spec.callbackUri(), config);
    } catch (HttpError e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    return clock.call(() -> {
      String id = ids.next();
      String sourcePid = ids.next();
      ObjectNode identity = Json.object().put("@odata.type", "#microsoft.graph.identitySet");
      if (spec.callerPhone() != null) {
        identity.putObject("phone").put("@odata.type", "#microsoft.graph.identity").put("id", spec.callerPhone());
      } else {
        identity.putObject("user").put("@odata.type", "#microsoft.graph.identity").put("id", ids.next())
            .put("tenantId", config.tenantId()).put("displayName", "Emulated Caller").put("identityProvider", "AAD");
      }
      ObjectNode source = participant("#microsoft.graph.participantInfo", sourcePid, identity, "en-us");
      String appInstance = spec.targetApplicationInstanceId() != null ? spec.targetApplicationInstanceId() : ids.next();
      ObjectNode targetIdentity = Json.object().put("@odata.type", "#microsoft.graph.identitySet");
      targetIdentity.putObject("applicationInstance").put("@odata.type", "#microsoft.graph.identity")
          .put("id", appInstance).put("tenantId", config.tenantId()).put("displayName", "IVR");
      String myPid = ids.next();
      ArrayNode targets = Json.array();
      targets.add(participant("#microsoft.graph.invitationParticipantInfo", myPid, targetIdentity, null));
      FaultPlan plan = spec.faults() != null ? spec.faults() : globalDice.get().plan();
      ArrayNode modalities = Json.array().add("audio");
      Call c = new Call(id, ids.next(), myPid, config.tenantId(), "incoming", source, targets,
          spec.callerPhone() != null, clock.now(), new FaultDice(plan, callSeed(calls.size())),
          callSeed(calls.size()) * 31, modalities, spec.callbackUri());
      c.state = "incoming";
      calls.put(key(id), c);
      ObjectNode data = CallJson.callResource(c, false);
      send(c, CallJson.notification("created", CallJson.callPath(c), data)).thenAccept(status -> {
        if (status < 200 || status >= 300) {
          clock.execute(() -> {
            if ("incoming".equals(c.state)) end(c, 480, 10076, "The bot did not acknowledge the incoming call.", true);
          });
        }
      });
      c.answerDeadline = clock.after(config.answerDeadlineSeconds(), () -> {
        if ("incoming".equals(c.state)) end(c, 480, 10076, "Call was not answered in time: the callee could not be reached.", true);
      });
      c.keepAliveDeadline = keepAliveTimer(c);
      startScript(c, spec.script() != null ? spec.script() : CallerScript.defaults());
      return id;
    });
  }

  /** The seed of the n-th call (its voice and its fault decisions): independent of its random id. */
  private long callSeed(int n) {
    long z = config.seed() + (n + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    return z ^ (z >>> 31);
  }

  private static ObjectNode participant(String type, String id, ObjectNode identity, String language) {
    ObjectNode p = Json.object().put("@odata.type", type).put("id", id);
    p.set("identity", identity);
    p.put("endpointType", "default").put("region", "amer");
    if (language == null) p.putNull("languageId");
    else p.put("languageId", language);
    return p;
  }

  private void startScript(Call c, CallerScript script) {
    c.script = new ScriptRunner(script, clock, c.voice, new ScriptRunner.Remote() {
      @Override
      public void speechStarted() {
        media.onSpeechStarted(c);
      }

      @Override
      public void speechEnded() {
        media.onSpeechEnded(c);
      }

      @Override
      public void pressed(char key) {
        media.onTone(c, key);
      }

      @Override
      public void hungUp() {
        remoteHangup(c);
      }
    });
    c.script.start();
  }

  // ---------------------------------------------------------------- Graph: call control

  public ObjectNode create(JsonNode rawBody) {
    JsonNode body = Validation.object(rawBody, true);
    Validation.properties(body, "microsoft.graph.call", Set.of("callbackUri", "source", "targets",
        "requestedModalities", "mediaConfig", "tenantId", "subject", "chatInfo", "meetingInfo", "callOptions",
        "direction", "ringingTimeoutInSeconds", "callRoutes", "transcription", "incomingContext"), config.strictJson());
    String callbackUri = Validation.callbackUri(body, true, config);
    JsonNode targetsIn = body.get("targets");
    if (targetsIn == null || !targetsIn.isArray() || targetsIn.isEmpty()) {
      throw HttpError.badRequest("The request is invalid: targets is required.");
    }
    if (targetsIn.size() > 5) throw HttpError.badRequest("The request is invalid: at most 5 targets are supported.");
    Validation.modalities(body, "requestedModalities");
    JsonNode mediaConfig = Validation.mediaConfig(body);
    String tenant = Validation.string(body, "tenantId");
    if (tenant != null && !tenant.equalsIgnoreCase(config.tenantId())) {
      throw new HttpError(403, "Forbidden", "Request authorization tenant mismatch.");
    }
    JsonNode sourceIn = body.get("source");
    boolean hasInstance = sourceIn != null && sourceIn.path("identity").has("applicationInstance");
    String calleeKey = null;
    boolean phone = false;
    for (JsonNode t : targetsIn) {
      JsonNode identity = t.path("identity");
      if (identity.has("phone")) {
        phone = true;
        calleeKey = identity.path("phone").path("id").asText(null);
      } else if (identity.has("user")) {
        calleeKey = identity.path("user").path("id").asText(null);
      } else if (identity.has("application") || identity.has("applicationInstance")) {
        JsonNode a = identity.has("application") ? identity.get("application") : identity.get("applicationInstance");
        calleeKey = a.path("id").asText(null);
      } else {
        throw HttpError.badRequest("The request is invalid: a target needs identity.user, identity.phone or identity.application.");
      }
      if (calleeKey == null || calleeKey.isBlank()) throw HttpError.badRequest("The request is invalid: a target identity needs an id.");
    }
    if (phone && !hasInstance) {
      throw new HttpError(403, "Forbidden", "Request authorization tenant mismatch: outbound PSTN calls need "
          + "source.identity.applicationInstance.");
    }
    int ringTimeout = Validation.intInRange(body, "ringingTimeoutInSeconds", 15, 110, 60);
    final String calleeId = calleeKey;
    final boolean toPhone = phone;
    return clock.call(() -> {
      long active = calls.values().stream().filter(x -> !x.isEnded()).count();
      if (active >= config.maxConcurrentCalls()) {
        throw new HttpError(429, "TooManyRequests", "The application reached its limit of " + config.maxConcurrentCalls()
            + " concurrent calls.", Map.of("Retry-After", "5"));
      }
      String id = ids.next();
      ObjectNode source = sourceIn != null && sourceIn.isObject() ? ((ObjectNode) sourceIn).deepCopy() : defaultSource();
      source.put("id", ids.next());
      ArrayNode targets = Json.array();
      String myPid = ids.next();
      for (JsonNode t : targetsIn) {
        ObjectNode copy = ((ObjectNode) t).deepCopy();
        if (!copy.has("id")) copy.put("id", ids.next());
        targets.add(copy);
      }
      ArrayNode modalities = ((ArrayNode) body.get("requestedModalities")).deepCopy();
      Callee callee = callees.getOrDefault(calleeId.toLowerCase(Locale.ROOT), Callee.of(Callee.Outcome.ANSWER));
      Call c = new Call(id, ids.next(), myPid, config.tenantId(), "outgoing", source, targets, toPhone, clock.now(),
          new FaultDice(globalDice.get().plan(), callSeed(calls.size())), callSeed(calls.size()) * 31,
          modalities, callbackUri);
      c.state = "establishing";
      c.answered = true;
      c.mediaConfig = (ObjectNode) mediaConfig.deepCopy();
      calls.put(key(id), c);
      media.preFetch(mediaConfig);
      ObjectNode response = CallJson.callResource(c, true);
      if (!c.dice.plan().establishedBeforeEstablishing()) {
        send(c, CallJson.notification("updated", CallJson.callPath(c), CallJson.callUpdate(c)));
      }
      c.keepAliveDeadline = keepAliveTimer(c);
      switch (callee.outcome()) {
        case ANSWER -> c.timers.add(clock.after(config.ringSeconds(), () -> establish(c)));
        case NO_ANSWER -> c.timers.add(clock.after(ringTimeout, () ->
            end(c, 408, 10057, "Call was not answered within the ringing timeout.", true)));
        case UNREACHABLE -> c.timers.add(clock.after(config.ringSeconds(), () ->
            end(c, 480, 10076, "The callee could not be reached.", true)));
        case NO_ENDPOINTS -> c.timers.add(clock.after(0.2, () ->
            end(c, 480, 10037, "The callee has no endpoints to reach.", true)));
      }
      startScript(c, callee.script() != null ? callee.script() : CallerScript.defaults());
      return response;
    });
  }

  private ObjectNode defaultSource() {
    ObjectNode identity = Json.object().put("@odata.type", "#microsoft.graph.identitySet");
    identity.putObject("application").put("@odata.type", "#microsoft.graph.identity").put("id", config.clientId())
        .put("displayName", "Bot");
    ObjectNode s = Json.object().put("@odata.type", "#microsoft.graph.participantInfo");
    s.set("identity", identity);
    return s;
  }

  public ObjectNode get(String callId) {
    return clock.call(() -> CallJson.callResource(find(callId), true));
  }

  public void answer(String callId, JsonNode rawBody) {
    JsonNode body = Validation.object(rawBody, true);
    Validation.properties(body, "microsoft.graph.answer", Set.of("callbackUri", "acceptedModalities",
        "mediaConfig", "participantCapacity", "callOptions"), config.strictJson());
    Validation.modalities(body, "acceptedModalities");
    JsonNode mediaConfig = Validation.mediaConfig(body);
    String callbackUri = Validation.callbackUri(body, false, config);
    Validation.intInRange(body, "participantCapacity", 0, Integer.MAX_VALUE, 0);
    clock.call(() -> {
      Call c = find(callId);
      if (!"incoming".equals(c.state)) {
        throw HttpError.badRequest("The call cannot be answered in state '" + c.state + "'.");
      }
      c.answered = true;
      if (c.answerDeadline != null) c.answerDeadline.cancel();
      if (callbackUri != null) c.callbackUri = callbackUri;
      c.mediaConfig = (ObjectNode) mediaConfig.deepCopy();
      media.preFetch(mediaConfig);
      c.state = "establishing";
      if (!c.dice.plan().establishedBeforeEstablishing()) {
        send(c, CallJson.notification("updated", CallJson.callPath(c), CallJson.callUpdate(c)));
      }
      c.timers.add(clock.after(config.establishDelaySeconds(), () -> establish(c)));
      return null;
    });
  }

  private void establish(Call c) {
    if (!c.isActive()) return;
    c.state = "established";
    c.mediaAudio = "active";
    FaultPlan plan = c.dice.plan();
    int times = plan.establishedTwice() ? 2 : 1;
    for (int i = 0; i < times; i++) {
      ObjectNode data = CallJson.callUpdate(c);
      if (!plan.omitMediaState()) data.set("mediaState", CallJson.mediaState("active"));
      send(c, CallJson.notification("updated", CallJson.callPath(c), data));
    }
    if (plan.establishedBeforeEstablishing()) {
      ObjectNode data = CallJson.callUpdate(c);
      data.put("state", "establishing");
      send(c, CallJson.notification("updated", CallJson.callPath(c), data));
    }
    if (plan.dropCallAfterSeconds() > 0) {
      c.dropTimer = clock.after(plan.dropCallAfterSeconds(), () -> {
        if (c.isActive()) {
          c.terminationReason = "CallTerminated";
          end(c, plan.dropCallCode(), plan.dropCallSubcode(), "Server Internal Error. DiagCode: "
              + plan.dropCallCode() + "#" + plan.dropCallSubcode() + ".@", true);
        }
      });
    }
    c.emit("established");
    media.startNext(c);
  }

  public void reject(String callId, JsonNode rawBody) {
    JsonNode body = Validation.object(rawBody, false);
    Validation.properties(body, "microsoft.graph.reject", Set.of("reason", "callbackUri"), config.strictJson());
    String reason = Validation.string(body, "reason");
    if (reason != null && !Set.of("none", "busy", "forbidden", "unknownFutureValue").contains(reason)) {
      throw HttpError.badRequest("The request is invalid: '" + reason + "' is not a valid rejectReason.");
    }
    String callbackUri = Validation.callbackUri(body, false, config);
    clock.call(() -> {
      Call c = find(callId);
      if (!"incoming".equals(c.state)) throw HttpError.badRequest("Only an unanswered incoming call can be rejected.");
      if (c.answerDeadline != null) c.answerDeadline.cancel();
      if (callbackUri != null) c.callbackUri = callbackUri;
      c.answered = true;
      c.timers.add(clock.after(0.1, () -> endBare(c, "Rejected by the application (" + (reason == null ? "none" : reason) + ").")));
      return null;
    });
  }

  public void redirect(String callId, JsonNode rawBody) {
    JsonNode body = Validation.object(rawBody, true);
    Validation.properties(body, "microsoft.graph.redirect", Set.of("targets", "timeout", "callbackUri",
        "maskCallee", "maskCaller", "routingPolicies", "targetDisposition"), config.strictJson());
    JsonNode targets = body.get("targets");
    if (targets == null || !targets.isArray() || targets.isEmpty()) {
      throw HttpError.badRequest("The request is invalid: targets is required.");
    }
    if (targets.size() > 25) throw HttpError.badRequest("The request is invalid: at most 25 redirect targets are supported.");
    int timeout = Validation.intInRange(body, "timeout", 15, 90, targets.size() == 1 ? 55 : 60);
    String callbackUri = Validation.callbackUri(body, false, config);
    List<Callee.Outcome> outcomes = new ArrayList<>();
    for (JsonNode t : targets) outcomes.add(calleeOf(t).outcome());
    clock.call(() -> {
      Call c = find(callId);
      if (!"incoming".equals(c.state)) throw HttpError.badRequest("Only an unanswered incoming call can be redirected.");
      if (c.answerDeadline != null) c.answerDeadline.cancel();
      if (callbackUri != null) c.callbackUri = callbackUri;
      c.answered = true;
      c.state = "redirecting";
      if (outcomes.contains(Callee.Outcome.ANSWER) && config.ringSeconds() < timeout) {
        c.timers.add(clock.after(config.ringSeconds(), () -> end(c, 200, 0, "The call was redirected and answered.", true)));
      } else if (outcomes.stream().allMatch(o -> o == Callee.Outcome.NO_ANSWER)) {
        c.timers.add(clock.after(timeout, () -> end(c, 408, 10057, "No redirect target answered within the timeout.", true)));
      } else {
        c.timers.add(clock.after(config.ringSeconds(), () -> end(c, 480, 10076, "The redirect targets could not be reached.", true)));
      }
      return null;
    });
  }

  public void transfer(String callId, JsonNode rawBody) {
    JsonNode body = Validation.object(rawBody, true);
    Validation.properties(body, "microsoft.graph.transfer", Set.of("transferTarget", "transferee", "clientContext"), config.strictJson());
    JsonNode target = body.get("transferTarget");
    if (target == null || !target.isObject() || !target.path("identity").isObject()) {
      throw HttpError.badRequest("The request is invalid: transferTarget with an identity is required.");
    }
    Validation.clientContext(body);
    Callee callee = calleeOf(target);
    clock.call(() -> {
      Call c = find(callId);
      if (!"established".equals(c.state)) throw HttpError.badRequest("Only an established call can be transferred.");
      c.state = "transferring";
      send(c, CallJson.notification("updated", CallJson.callPath(c), CallJson.callUpdate(c)));
      c.timers.add(clock.after(config.ringSeconds(), () -> {
        if (!"transferring".equals(c.state)) return;
        if (callee.outcome() == Callee.Outcome.ANSWER) {
          c.state = "transferAccepted";
          send(c, CallJson.notification("updated", CallJson.callPath(c), CallJson.callUpdate(c)));
          c.mediaAudio = "inactive";
          ObjectNode media = CallJson.callUpdate(c);
          media.set("mediaState", CallJson.mediaState("inactive"));
          send(c, CallJson.notification("updated", CallJson.callPath(c), media));
          c.timers.add(clock.after(0.2, () -> end(c, 0, 7015, "GracefulTransferCompleted", true)));
        } else {
          c.state = "established";
          ObjectNode data = CallJson.callUpdate(c);
          data.set("resultInfo", CallJson.resultInfo(500, 7700, "Transfer failed: the transfer target did not accept the call."));
          data.putNull("replacesContext");
          send(c, CallJson.notification("updated", CallJson.callPath(c), data));
        }
      }));
      return null;
    });
  }

  private Callee calleeOf(JsonNode participant) {
    JsonNode identity = participant.path("identity");
    for (String kind : List.of("phone", "user", "application", "applicationInstance")) {
      String id = identity.path(kind).path("id").asText(null);
      if (id != null) return callees.getOrDefault(id.toLowerCase(Locale.ROOT), Callee.of(Callee.Outcome.ANSWER));
    }
    return Callee.of(Callee.Outcome.ANSWER);
  }

  public void keepAlive(String callId) {
    clock.call(() -> {
      Call c = find(callId);
      if (c.keepAliveDeadline != null) c.keepAliveDeadline.cancel();
      c.keepAliveDeadline = keepAliveTimer(c);
      return null;
    });
  }

  private EmulatedClock.Timer keepAliveTimer(Call c) {
    return clock.after(config.keepAliveTimeoutSeconds(), () -> {
      if (!c.isEnded()) end(c, 408, 8537, "Keep Alive timeout, cleaned up inactive call", true);
    });
  }

  /** The bot hangs up: 204, then terminating, then terminated. */
  public void delete(String callId) {
    clock.call(() -> {
      Call c = find(callId);
      if ("terminating".equals(c.state)) return null;
      media.abandonMedia(c);
      c.state = "terminating";
      send(c, CallJson.notification("updated", CallJson.callPath(c), CallJson.callUpdate(c)));
      c.timers.add(clock.after(0.2, () -> end(c, 200, config.botHangupSubcode(), config.botHangupSubcode() == 5001
          ? "The conversation has ended." : "The call was ended by the application.", true)));
      return null;
    });
  }

  // ---------------------------------------------------------------- Graph: media

  public OpStart playPrompt(String callId, JsonNode rawBody) {
    JsonNode body = Validation.object(rawBody, true);
    Validation.properties(body, "microsoft.graph.playPrompt", Set.of("prompts", "clientContext"), config.strictJson());
    List<MediaOp.PromptRef> refs = Validation.prompts(body, 20, true);
    String cc = Validation.clientContext(body);
    return clock.call(() -> {
      Call c = mediaCall(callId);
      MediaOp op = new MediaOp(ids.next(), MediaOp.PLAY, cc, refs, null, clock.now());
      return media.enqueue(c, op);
    });
  }

  public OpStart recordResponse(String callId, JsonNode rawBody) {
    JsonNode body = Validation.object(rawBody, true);
    Validation.properties(body, "microsoft.graph.record", Set.of("prompts", "bargeInAllowed", "clientContext",
        "initialSilenceTimeoutInSeconds", "maxSilenceTimeoutInSeconds", "maxRecordDurationInSeconds", "playBeep",
        "stopTones"), config.strictJson());
    List<MediaOp.PromptRef> refs = Validation.prompts(body, 1, false);
    MediaOp.RecordParams params = new MediaOp.RecordParams(
        Validation.bool(body, "bargeInAllowed", false),
        Validation.intInRange(body, "initialSilenceTimeoutInSeconds", 1, 120, 5),
        Validation.intInRange(body, "maxSilenceTimeoutInSeconds", 1, 120, 5),
        Validation.intInRange(body, "maxRecordDurationInSeconds", 1, 120, 5),
        Validation.bool(body, "playBeep", true),
        Validation.stopTones(body));
    String cc = Validation.clientContext(body);
    return clock.call(() -> {
      Call c = mediaCall(callId);
      MediaOp op = new MediaOp(ids.next(), MediaOp.RECORD, cc, refs, params, clock.now());
      if (params.bargeInAllowed()) media.cancelAll(c);
      return media.enqueue(c, op);
    });
  }

  public ObjectNode cancelMediaProcessing(String callId, JsonNode rawBody) {
    JsonNode body = Validation.object(rawBody, false);
    Validation.properties(body, "microsoft.graph.cancelMediaProcessing", Set.of("clientContext", "all"), config.strictJson());
    String cc = Validation.clientContext(body);
    return clock.call(() -> {
      Call c = mediaCall(callId);
      MediaOp op = syncOp(c, MediaOp.CANCEL, cc);
      media.cancelAll(c);
      return CallJson.operation(op);
    });
  }

  public ObjectNode subscribeToTone(String callId, JsonNode rawBody) {
    JsonNode body = Validation.object(rawBody, false);
    Validation.properties(body, "microsoft.graph.subscribeToTone", Set.of("clientContext"), config.strictJson());
    String cc = Validation.clientContext(body);
    return clock.call(() -> {
      Call c = mediaCall(callId);
      MediaOp op = syncOp(c, MediaOp.SUBSCRIBE, cc);
      c.toneSubscribed = true;
      return CallJson.operation(op);
    });
  }

  public ObjectNode getOperation(String callId, String operationId) {
    return clock.call(() -> {
      Call c = find(callId);
      MediaOp op = c.operations.get(operationId.toLowerCase(Locale.ROOT));
      if (op == null) throw HttpError.notFound("The operation " + operationId + " was not found.");
      return CallJson.operation(op);
    });
  }

  private MediaOp syncOp(Call c, String type, String cc) {
    MediaOp op = new MediaOp(ids.next(), type, cc, List.of(), null, clock.now());
    op.status = "completed";
    c.operations.put(op.id, op);
    return op;
  }

  private Call mediaCall(String callId) {
    Call c = find(callId);
    if ("incoming".equals(c.state) || "redirecting".equals(c.state)) {
      throw HttpError.badRequest("The call is not established (state '" + c.state + "').");
    }
    if ("terminating".equals(c.state)) throw HttpError.notFound("The call " + callId + " was not found.");
    return c;
  }

  // ---------------------------------------------------------------- remote party and ending

  private void remoteHangup(Call c) {
    if (!c.isActive()) return;
    media.abandonMedia(c);
    int subcode = !c.remoteIsPhone ? 4521 : "incoming".equals(c.direction) ? 540000 : 560000;
    end(c, 200, subcode, c.remoteIsPhone ? "The PSTN user hung up." : "The remote party ended the call.", true);
  }

  private void end(Call c, int code, int subcode, String message, boolean notify) {
    if (c.isEnded()) return;
    media.abandonMedia(c);
    c.state = "terminated";
    c.endCode = code;
    c.endSubcode = subcode;
    c.endMessage = message;
    c.mediaAudio = null;
    stopTimers(c);
    CompletableFuture<Integer> delivered = CompletableFuture.completedFuture(0);
    if (notify) {
      ObjectNode data = CallJson.callUpdate(c);
      data.set("resultInfo", CallJson.resultInfo(code, subcode, message));
      if (c.terminationReason != null) data.put("terminationReason", c.terminationReason);
      delivered = send(c, CallJson.notification("deleted", CallJson.callPath(c), data));
    }
    afterEnd(c, delivered);
  }

  private void endBare(Call c, String message) {
    if (c.isEnded()) return;
    media.abandonMedia(c);
    c.state = "terminated";
    c.endCode = 0;
    c.endSubcode = 0;
    c.endMessage = message;
    stopTimers(c);
    afterEnd(c, send(c, CallJson.notification("deleted", CallJson.callPath(c), CallJson.callUpdate(c))));
  }

  private void stopTimers(Call c) {
    for (EmulatedClock.Timer t : c.timers) t.cancel();
    c.timers.clear();
    for (EmulatedClock.Timer t : new EmulatedClock.Timer[] {c.answerDeadline, c.keepAliveDeadline, c.dropTimer}) {
      if (t != null) t.cancel();
    }
    if (c.script != null) c.script.stop();
  }

  /** Expires the call's recordings later; {@code ended} completes once the final notification was tried. */
  private void afterEnd(Call c, CompletableFuture<Integer> finalNotification) {
    for (MediaOp op : c.operations.values()) {
      if (op.recordingId != null) {
        String rid = op.recordingId;
        clock.after(config.recordingRetentionSeconds(), () -> recordings.expire(rid));
      }
    }
    finalNotification.whenComplete((status, error) -> c.ended.complete(null));
  }

  private CompletableFuture<Integer> send(Call c, ObjectNode item) {
    return notifier.send(new Delivery(c.id, c.callChainId, c.tenantId, c.callbackUri, c.dice), item);
  }

  private Call find(String callId) {
    Call c = calls.get(key(callId));
    if (c == null || c.isEnded()) throw HttpError.notFound("The call " + callId + " was not found.");
    return c;
  }

  static String key(String id) {
    return id.toLowerCase(Locale.ROOT).replace("-", "");
  }

  // ---------------------------------------------------------------- admin / test API

  public void pressKeys(String callId, String keys, double gapSeconds) {
    clock.call(() -> {
      Call c = anyCall(callId);
      double t = clock.now();
      for (char k : keys.toCharArray()) {
        c.timers.add(clock.at(t, () -> media.onTone(c, k)));
        t += gapSeconds;
      }
      return null;
    });
  }

  public void hangUp(String callId) {
    clock.call(() -> {
      remoteHangup(anyCall(callId));
      return null;
    });
  }

  public CallView view(String callId) {
    return clock.call(() -> view(anyCall(callId)));
  }

  public List<CallView> views() {
    return clock.call(() -> calls.values().stream().sorted((a, b) -> Double.compare(a.createdAt, b.createdAt))
        .map(this::view).toList());
  }

  private CallView view(Call c) {
    List<CallView.OperationView> ops = new ArrayList<>();
    List<CallView.RecordingView> recs = new ArrayList<>();
    for (MediaOp op : c.operations.values()) {
      ops.add(new CallView.OperationView(op.id, op.type, op.status, op.clientContext, op.code, op.subcode,
          op.completionReason, op.recordingLocation, op.notified));
      if (op.recordingId != null) {
        recordings.byId(op.recordingId).ifPresent(r ->
            recs.add(new CallView.RecordingView(op.id, r.id(), r.size(), r.durationSeconds())));
      }
    }
    return new CallView(c.id, c.callChainId, c.state, c.direction, c.callbackUri, c.toneSubscribed, c.endCode,
        c.endSubcode, c.endMessage, ops, c.tones, recs);
  }

  public Optional<byte[]> recordingBytes(String callId, String operationId) {
    return recordings.byOperation(anyCallId(callId), operationId.toLowerCase(Locale.ROOT)).map(RecordingStore.Recording::wav);
  }

  public boolean awaitEnded(String callId, Duration timeout) {
    Call c = calls.get(key(callId));
    if (c == null) throw new IllegalArgumentException("unknown call " + callId);
    try {
      c.ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return true;
    }
  }

  /** The call id of a recording, for the journal. */
  public String callOfRecording(String recordingId) {
    return recordings.byId(recordingId).map(RecordingStore.Recording::callId).orElse(null);
  }

  /** The recording fault of a call's plan. */
  public String recordingFault(String callId) {
    Call c = calls.get(key(callId));
    return c == null ? "none" : c.dice.plan().recordingFault();
  }

  /** The canonical id of a known call (any casing or dash form), else the input. */
  public String canonicalId(String callId) {
    Call c = calls.get(key(callId));
    return c == null ? callId : c.id;
  }

  private String anyCallId(String callId) {
    return anyCall(callId).id;
  }

  private Call anyCall(String callId) {
    Call c = calls.get(key(callId));
    if (c == null) throw new IllegalArgumentException("unknown call " + callId);
    return c;
  }
}
