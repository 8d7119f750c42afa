package dev.ivr.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivr.emulator.Callee;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.http.HttpError;
import dev.ivr.emulator.http.Json;
import dev.ivr.emulator.time.EmulatedClock;
import java.util.Map;
import java.util.Set;

/**
 * Places the bot's outbound calls ({@code POST /communications/calls}): validates the request as
 * Graph does (targets, PSTN needs an application instance, tenant, the concurrent-call limit), then
 * rings the callee, who answers or ends the call as {@link Callees} says (no answer, unreachable, no
 * endpoints, busy, declined, or any resultInfo).
 */
final class OutboundCalls {

  private final EmulatorConfig config;
  private final EmulatedClock clock;
  private final Ids ids;
  private final CallRegistry calls;
  private final Callees callees;
  private final MediaEngine media;
  private final CallEngine lifecycle;

  OutboundCalls(EmulatorConfig config, EmulatedClock clock, Ids ids, CallRegistry calls, Callees callees,
      MediaEngine media, CallEngine lifecycle) {
    this.config = config;
    this.clock = clock;
    this.ids = ids;
    this.calls = calls;
    this.callees = callees;
    this.media = media;
    this.lifecycle = lifecycle;
  }

  /** The call resource in state establishing (the 201 body). */
  ObjectNode create(JsonNode rawBody) {
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
      if (calls.activeCount() >= config.maxConcurrentCalls()) {
        throw new HttpError(429, "TooManyRequests", "The application reached its limit of " + config.maxConcurrentCalls()
            + " concurrent calls.", Map.of("Retry-After", "5"));
      }
      String id = ids.next();
      ObjectNode source = sourceIn != null && sourceIn.isObject()
          ? ((ObjectNode) sourceIn).deepCopy() : CallJson.defaultSource(config.clientId());
      source.put("id", ids.next());
      ArrayNode targets = Json.array();
      String myPid = ids.next();
      for (JsonNode t : targetsIn) {
        ObjectNode copy = ((ObjectNode) t).deepCopy();
        if (!copy.has("id")) copy.put("id", ids.next());
        targets.add(copy);
      }
      ArrayNode modalities = ((ArrayNode) body.get("requestedModalities")).deepCopy();
      Callee callee = callees.of(calleeId);
      Call c = new Call(id, ids.next(), myPid, config.tenantId(), "outgoing", source, targets, toPhone, clock.now(),
          calls.diceForNextCall(null), calls.voiceSeedForNextCall(), modalities, callbackUri);
      c.state = "establishing";
      c.answered = true;
      c.mediaConfig = (ObjectNode) mediaConfig.deepCopy();
      calls.add(c);
      media.preFetch(mediaConfig);
      ObjectNode response = CallJson.callResource(c, true);
      if (!c.dice.plan().establishedBeforeEstablishing()) {
        lifecycle.sendEstablishing(c);
      }
      c.keepAliveDeadline = lifecycle.keepAliveTimer(c);
      ring(c, callee, ringTimeout);
      lifecycle.startScript(c, callee.script() != null ? callee.script() : CallerScript.defaults());
      return response;
    });
  }

  /** Rings the callee: it answers, or the call ends with the callee's resultInfo (see {@link Callee.Outcome}). */
  private void ring(Call c, Callee callee, int ringTimeout) {
    if (callee.outcome() == Callee.Outcome.ANSWER) {
      c.timers.add(clock.after(config.ringSeconds(), () -> lifecycle.establish(c)));
      return;
    }
    double after = switch (callee.outcome()) {
      case NO_ANSWER -> ringTimeout;
      case NO_ENDPOINTS -> 0.2;
      default -> config.ringSeconds();
    };
    Callee.Result end = callee.endResult();
    c.timers.add(clock.after(after, () -> lifecycle.end(c, end.code(), end.subcode(), end.message(), true)));
  }
}
