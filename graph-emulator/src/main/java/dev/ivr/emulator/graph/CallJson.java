package dev.ivr.emulator.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivr.emulator.http.Json;
import java.util.concurrent.atomic.AtomicLong;

/** Graph's JSON shapes for calls, participants and operations (the notifications are {@link Notifications}'). */
final class CallJson {

  private static final AtomicLong ETAG = new AtomicLong(5000);

  private CallJson() {}

  static String callPath(Call c) {
    return "/communications/calls/" + c.id;
  }

  static String opPath(Call c, MediaOp op) {
    return callPath(c) + "/operations/" + op.id;
  }

  /** The full call resource (GET, POST /calls response). */
  static ObjectNode callResource(Call c, boolean withContext) {
    ObjectNode o = Json.object();
    if (withContext) o.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#communications/calls/$entity");
    o.put("@odata.type", "#microsoft.graph.call");
    o.put("state", c.state);
    o.put("direction", c.direction);
    o.put("callbackUri", c.callbackUri);
    o.put("callChainId", c.callChainId);
    o.put("myParticipantId", c.myParticipantId);
    o.put("tenantId", c.tenantId);
    o.put("id", c.id);
    o.set("requestedModalities", c.requestedModalities.deepCopy());
    o.set("source", c.source.deepCopy());
    o.set("targets", c.targets.deepCopy());
    if (c.mediaConfig != null) o.set("mediaConfig", c.mediaConfig.deepCopy());
    else o.putNull("mediaConfig");
    if (c.mediaAudio != null) o.set("mediaState", mediaState(c.mediaAudio));
    else o.putNull("mediaState");
    if (c.endCode != null) o.set("resultInfo", resultInfo(c.endCode, c.endSubcode, c.endMessage));
    else o.putNull("resultInfo");
    o.putNull("toneInfo");
    o.putNull("answeredBy");
    o.putNull("terminationReason");
    o.putNull("ringingTimeoutInSeconds");
    o.putNull("subject");
    o.putNull("chatInfo");
    o.putNull("meetingInfo");
    o.putNull("transcription");
    o.putNull("callOptions");
    o.putArray("callRoutes");
    o.putArray("activeModalities");
    if ("incoming".equals(c.direction)) {
      o.putObject("incomingContext").put("@odata.type", "#microsoft.graph.incomingContext")
          .put("sourceParticipantId", c.source.path("id").asText(null))
          .putNull("observedParticipantId").putNull("onBehalfOf").putNull("transferor");
    }
    return o;
  }

  static ObjectNode mediaState(String audio) {
    return Json.object().put("@odata.type", "#microsoft.graph.callMediaState").put("audio", audio);
  }

  static ObjectNode resultInfo(int code, Integer subcode, String message) {
    return Json.object().put("@odata.type", "#microsoft.graph.resultInfo").put("code", code)
        .put("subcode", subcode == null ? 0 : subcode).put("message", message);
  }

  /** A small call resourceData for updated/deleted notifications. */
  static ObjectNode callUpdate(Call c) {
    ObjectNode o = Json.object();
    o.put("@odata.type", "#microsoft.graph.call");
    o.put("@odata.id", callPath(c));
    o.put("@odata.etag", "W/\"" + ETAG.incrementAndGet() + "\"");
    o.put("state", c.state);
    o.put("callChainId", c.callChainId);
    o.put("id", c.id);
    return o;
  }

  /** An operation as actions and GET return it. */
  static ObjectNode operation(MediaOp op) {
    ObjectNode o = Json.object();
    o.put("@odata.type", op.odataType());
    o.put("id", op.id);
    o.put("status", op.status);
    if (op.clientContext != null) o.put("clientContext", op.clientContext);
    else o.putNull("clientContext");
    if (op.code != null) o.set("resultInfo", resultInfo(op.code, op.subcode, op.message));
    else o.putNull("resultInfo");
    if (MediaOp.RECORD.equals(op.type)) {
      if (op.finished()) {
        o.put("recordingLocation", op.recordingLocation == null ? "" : op.recordingLocation);
        o.put("recordingAccessToken", op.recordingToken == null ? "" : op.recordingToken);
        if (op.completionReason != null) o.put("completionReason", op.completionReason);
      } else {
        o.putNull("recordingLocation");
      }
    }
    if (MediaOp.PLAY.equals(op.type) && op.completionReason != null) o.put("completionReason", op.completionReason);
    return o;
  }

  /** resourceData of an operation's completion notification. */
  static ObjectNode operationUpdate(Call c, MediaOp op) {
    ObjectNode o = Json.object();
    o.put("@odata.type", op.odataType());
    o.put("@odata.id", opPath(c, op));
    o.put("@odata.etag", "W/\"" + ETAG.incrementAndGet() + "\"");
    operation(op).fields().forEachRemaining(e -> {
      if (!e.getKey().equals("@odata.type")) o.set(e.getKey(), e.getValue());
    });
    return o;
  }

  /** A participantInfo (or invitationParticipantInfo) of a call's {@code source} or {@code targets}. */
  static ObjectNode participant(String type, String id, ObjectNode identity, String language) {
    ObjectNode p = Json.object().put("@odata.type", type).put("id", id);
    p.set("identity", identity);
    p.put("endpointType", "default").put("region", "amer");
    if (language == null) p.putNull("languageId");
    else p.put("languageId", language);
    return p;
  }

  /** Who calls in: a phone number, or (when {@code phone} is null) a Teams user of the tenant. */
  static ObjectNode callerIdentity(String phone, String userId, String tenantId) {
    ObjectNode identity = identitySet();
    if (phone != null) {
      identity.putObject("phone").put("@odata.type", "#microsoft.graph.identity").put("id", phone);
    } else {
      identity.putObject("user").put("@odata.type", "#microsoft.graph.identity").put("id", userId)
          .put("tenantId", tenantId).put("displayName", "Emulated Caller").put("identityProvider", "AAD");
    }
    return identity;
  }

  /** The bot's resource account that an incoming call is for. */
  static ObjectNode applicationInstanceIdentity(String id, String tenantId) {
    ObjectNode identity = identitySet();
    identity.putObject("applicationInstance").put("@odata.type", "#microsoft.graph.identity")
        .put("id", id).put("tenantId", tenantId).put("displayName", "IVR");
    return identity;
  }

  /** The bot's application, as a Teams user calling it directly reaches it. */
  static ObjectNode applicationIdentity(String clientId) {
    ObjectNode identity = identitySet();
    identity.putObject("application").put("@odata.type", "#microsoft.graph.identity").put("id", clientId)
        .put("displayName", "IVR");
    return identity;
  }

  /** The source of an outbound call that names none: the bot's application. */
  static ObjectNode defaultSource(String clientId) {
    ObjectNode identity = identitySet();
    identity.putObject("application").put("@odata.type", "#microsoft.graph.identity").put("id", clientId)
        .put("displayName", "Bot");
    ObjectNode s = Json.object().put("@odata.type", "#microsoft.graph.participantInfo");
    s.set("identity", identity);
    return s;
  }

  private static ObjectNode identitySet() {
    return Json.object().put("@odata.type", "#microsoft.graph.identitySet");
  }
}
