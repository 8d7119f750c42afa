package dev.ivr.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivr.emulator.Callee;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.http.HttpError;
import dev.ivr.emulator.http.Json;
import dev.ivr.emulator.media.RecordingStore;
import dev.ivr.emulator.script.ScriptRunner;
import dev.ivr.emulator.time.EmulatedClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A call's lifecycle: an incoming call raised, answered, rejected or redirected; established;
 * transferred; kept alive; hung up by the bot or the remote party; ended with its final
 * notification. Outbound calls are placed by {@link OutboundCalls}, media by {@link MediaRequests}.
 * All state changes run on the emulator loop; the public methods may be called from any thread.
 */
final class CallEngine {

  private final EmulatorConfig config;
  private final EmulatedClock clock;
  private final RecordingStore recordings;
  private final Ids ids;
  private final CallRegistry calls;
  private final Callees callees;
  private final MediaEngine media;
  private final MediaEngine.Notifier notifier;
  private final Notifications notifications;

  CallEngine(EmulatorConfig config, EmulatedClock clock, RecordingStore recordings, Ids ids, CallRegistry calls,
      Callees callees, MediaEngine media, MediaEngine.Notifier notifier, Notifications notifications) {
    this.config = config;
    this.clock = clock;
    this.recordings = recordings;
    this.ids = ids;
    this.calls = calls;
    this.callees = callees;
    this.media = media;
    this.notifier = notifier;
    this.notifications = notifications;
  }

  // ---------------------------------------------------------------- incoming

  /** Raises an incoming call and posts its {@code created} notification. Returns the call id. */
  String raiseIncoming(IncomingCallSpec spec) {
    try {
      Validation.checkCallbackUri(spec.callbackUri(), config);
    } catch (HttpError e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    return clock.call(() -> {
      String id = ids.next();
      String sourcePid = ids.next();
      ObjectNode identity = CallJson.callerIdentity(spec.callerPhone(), spec.callerPhone() != null ? null : ids.next(),
          config.tenantId());
      ObjectNode source = CallJson.participant("#microsoft.graph.participantInfo", sourcePid, identity, "en-us");
      // a call through a resource account or a phone number is for its application instance; a Teams
      // user calling the bot directly calls the application (call-answer's example)
      boolean viaInstance = spec.targetApplicationInstanceId() != null || spec.callerPhone() != null;
      ObjectNode targetIdentity = viaInstance
          ? CallJson.applicationInstanceIdentity(spec.targetApplicationInstanceId() != null
              ? spec.targetApplicationInstanceId() : ids.next(), config.tenantId())
          : CallJson.applicationIdentity(config.clientId());
      String myPid = ids.next();
      ArrayNode targets = Json.array();
      targets.add(CallJson.participant("#microsoft.graph.invitationParticipantInfo", myPid, targetIdentity, null));
      ArrayNode modalities = Json.array().add("audio");
      Call c = new Call(id, ids.next(), myPid, config.tenantId(), "incoming", source, targets,
          spec.callerPhone() != null, clock.now(), calls.diceForNextCall(spec.faults()), calls.voiceSeedForNextCall(),
          modalities, spec.callbackUri());
      c.state = "incoming";
      calls.add(c);
      send(c, notifications.incoming(c)).thenAccept(status -> {
        if (status < 200 || status >= 300) {
          clock.execute(() -> {
            if (!"incoming".equals(c.state)) return;
            if (!config.acsIncomingDeadlineCodes()) {
              end(c, 480, 10076, "The bot did not acknowledge the incoming call.", true);
            } else if (status == -1) {
              end(c, 408, 8610, "No response from bot on notification.", true);
            } else {
              end(c, 408, 8586, "Incoming call not acknowledged by bot.", true);
            }
          });
        }
      });
      c.answerDeadline = clock.after(config.answerDeadlineSeconds(), () -> {
        if (!"incoming".equals(c.state)) return;
        if (config.acsIncomingDeadlineCodes()) end(c, 408, 8587, "Incoming call not answered within time.", true);
        else end(c, 480, 10076, "Call was not answered in time: the callee could not be reached.", true);
      });
      c.keepAliveDeadline = keepAliveTimer(c);
      startScript(c, spec.script() != null ? spec.script() : CallerScript.defaults());
      return id;
    });
  }

  /** The remote party's script: it speaks, presses keys and hangs up on the call's media events. */
  void startScript(Call c, CallerScript script) {
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

  ObjectNode get(String callId) {
    return clock.call(() -> CallJson.callResource(calls.find(callId), true));
  }

  void answer(String callId, JsonNode rawBody) {
    JsonNode body = Validation.object(rawBody, true);
    Validation.properties(body, "microsoft.graph.answer", Set.of("callbackUri", "acceptedModalities",
        "mediaConfig", "participantCapacity", "callOptions"), config.strictJson());
    Validation.modalities(body, "acceptedModalities");
    JsonNode mediaConfig = Validation.mediaConfig(body);
    String callbackUri = Validation.callbackUri(body, false, config);
    Validation.intInRange(body, "participantCapacity", 0, Integer.MAX_VALUE, 0);
    clock.call(() -> {
      Call c = calls.find(callId);
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
        sendEstablishing(c);
      }
      c.timers.add(clock.after(config.establishDelaySeconds(), () -> establish(c)));
      return null;
    });
  }

  void establish(Call c) {
    if (!c.isActive()) return;
    c.state = "established";
    c.mediaAudio = "active";
    FaultPlan plan = c.dice.plan();
    int times = plan.establishedTwice() ? 2 : 1;
    for (int i = 0; i < times; i++) {
      send(c, notifications.established(c, !plan.omitMediaState()));
    }
    if (plan.establishedBeforeEstablishing()) {
      c.state = "establishing";
      ObjectNode late = notifications.establishing(c);
      c.state = "established";
      send(c, late);
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

  void reject(String callId, JsonNode rawBody) {
    JsonNode body = Validation.object(rawBody, false);
    Validation.properties(body, "microsoft.graph.reject", Set.of("reason", "callbackUri"), config.strictJson());
    String reason = Validation.string(body, "reason");
    if (reason != null && !Set.of("none", "busy", "forbidden", "unknownFutureValue").contains(reason)) {
      throw HttpError.badRequest("The request is invalid: '" + reason + "' is not a valid rejectReason.");
    }
    String callbackUri = Validation.callbackUri(body, false, config);
    clock.call(() -> {
      Call c = calls.find(callId);
      if (!"incoming".equals(c.state)) throw HttpError.badRequest("Only an unanswered incoming call can be rejected.");
      if (c.answerDeadline != null) c.answerDeadline.cancel();
      if (callbackUri != null) c.callbackUri = callbackUri;
      c.answered = true;
      c.timers.add(clock.after(0.1, () -> endBare(c, "Rejected by the application (" + (reason == null ? "none" : reason) + ").")));
      return null;
    });
  }

  void redirect(String callId, JsonNode rawBody) {
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
    for (JsonNode t : targets) outcomes.add(callees.of(t).outcome());
    clock.call(() -> {
      Call c = calls.find(callId);
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

  /**
   * Transfers an established call. Success: {@code transferring}, {@code transferAccepted} and the
   * audio going {@code inactive} (in either order, as the docs allow), then {@code terminated}
   * 0/7015, or {@code terminationReason: AppTransferred} for a consultative transfer
   * ({@code transferTarget.replacesCallId}). Failure: {@code established} again with the callee's
   * resultInfo: 500/7000, 500/7700 and {@code replacesContext} when consultative, or the callee's own.
   */
  void transfer(String callId, JsonNode rawBody) {
    JsonNode body = Validation.object(rawBody, true);
    Validation.properties(body, "microsoft.graph.transfer", Set.of("transferTarget", "transferee", "clientContext"), config.strictJson());
    JsonNode target = body.get("transferTarget");
    if (target == null || !target.isObject() || !target.path("identity").isObject()) {
      throw HttpError.badRequest("The request is invalid: transferTarget with an identity is required.");
    }
    JsonNode transferee = body.get("transferee");
    if (transferee != null && !transferee.isNull() && !transferee.path("identity").isObject()) {
      throw HttpError.badRequest("The request is invalid: transferee needs an identity.");
    }
    JsonNode replaces = target.get("replacesCallId");
    if (replaces != null && !replaces.isNull() && (!replaces.isTextual() || replaces.asText().isBlank())) {
      throw HttpError.badRequest("The request is invalid: replacesCallId must be a call id.");
    }
    boolean consultative = replaces != null && replaces.isTextual();
    Validation.clientContext(body);
    Callee callee = callees.of(target);
    clock.call(() -> {
      Call c = calls.find(callId);
      if (!"established".equals(c.state)) throw HttpError.badRequest("Only an established call can be transferred.");
      c.state = "transferring";
      sendUpdate(c);
      c.timers.add(clock.after(config.ringSeconds(), () -> {
        if (!"transferring".equals(c.state)) return;
        if (callee.outcome() == Callee.Outcome.ANSWER) {
          transferAccepted(c, consultative);
        } else {
          c.state = "established";
          Callee.Result failure = transferFailure(callee, consultative);
          send(c, notifications.transferFailed(c, failure.code(), failure.subcode(), failure.message(),
              consultative ? ids.token() : null));
        }
      }));
      return null;
    });
  }

  private void transferAccepted(Call c, boolean consultative) {
    boolean mediaFirst = c.dice.plan().transferAcceptedAfterMediaInactive();
    c.mediaAudio = "inactive";
    if (mediaFirst) send(c, notifications.mediaState(c, "inactive"));
    c.state = "transferAccepted";
    sendUpdate(c);
    if (!mediaFirst) send(c, notifications.mediaState(c, "inactive"));
    c.timers.add(clock.after(0.2, () -> {
      if (c.isEnded()) return;
      if (consultative) c.terminationReason = "AppTransferred";
      finish(c, 0, 7015, "GracefulTransferCompleted", ended -> notifications.transferCompleted(ended, consultative));
    }));
  }

  /** The callee's own result, else the docs' transfer failure: 500/7000, or 500/7700 for a consultative transfer. */
  private static Callee.Result transferFailure(Callee callee, boolean consultative) {
    if (callee.result() != null) return callee.result();
    if (callee.outcome() == Callee.Outcome.NO_ANSWER) {
      return new Callee.Result(500, consultative ? 7700 : 7000, "Transfer failed: the transfer target did not answer.");
    }
    return callee.outcome().defaultResult();
  }

  void keepAlive(String callId) {
    clock.call(() -> {
      Call c = calls.find(callId);
      if (c.keepAliveDeadline != null) c.keepAliveDeadline.cancel();
      c.keepAliveDeadline = keepAliveTimer(c);
      return null;
    });
  }

  EmulatedClock.Timer keepAliveTimer(Call c) {
    return clock.after(config.keepAliveTimeoutSeconds(), () -> {
      if (!c.isEnded()) end(c, 408, 8537, "Keep Alive timeout, cleaned up inactive call", true);
    });
  }

  /** The bot hangs up: 204, then terminating, then terminated. */
  void delete(String callId) {
    clock.call(() -> {
      Call c = calls.find(callId);
      if ("terminating".equals(c.state)) return null;
      media.abandonMedia(c);
      c.state = "terminating";
      sendUpdate(c);
      c.timers.add(clock.after(0.2, () -> end(c, 200, config.botHangupSubcode(), config.botHangupSubcode() == 5001
          ? "The conversation has ended." : "The conversation has ended by bot.", true)));
      return null;
    });
  }

  // ---------------------------------------------------------------- remote party and ending

  void remoteHangup(Call c) {
    if (!c.isActive()) return;
    media.abandonMedia(c);
    int subcode = !c.remoteIsPhone ? 4521 : "incoming".equals(c.direction) ? 540000 : 560000;
    end(c, 200, subcode, c.remoteIsPhone ? "The PSTN user hung up." : "The remote party ended the call.", true);
  }

  void end(Call c, int code, int subcode, String message, boolean notify) {
    finish(c, code, subcode, message, notify ? ended -> notifications.terminated(ended, code, subcode, message) : null);
  }

  /** Ends the call with this reason; {@code notification} (null: none) is built once the call is terminated. */
  private void finish(Call c, int code, int subcode, String message, Function<Call, ObjectNode> notification) {
    if (c.isEnded()) return;
    media.abandonMedia(c);
    c.state = "terminated";
    c.endCode = code;
    c.endSubcode = subcode;
    c.endMessage = message;
    c.mediaAudio = null;
    stopTimers(c);
    CompletableFuture<Integer> delivered = CompletableFuture.completedFuture(0);
    if (notification != null) {
      delivered = send(c, notification.apply(c));
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
    afterEnd(c, send(c, notifications.rejected(c)));
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

  /** An {@code updated} notification with the call's state. */
  CompletableFuture<Integer> sendUpdate(Call c) {
    return send(c, notifications.state(c));
  }

  /** The {@code updated establishing} of an answered or created call. */
  CompletableFuture<Integer> sendEstablishing(Call c) {
    return send(c, notifications.establishing(c));
  }

  CompletableFuture<Integer> send(Call c, ObjectNode item) {
    return notifier.send(c, item);
  }
}
