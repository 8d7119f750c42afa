package dev.ivr.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.PayloadStyle;
import dev.ivr.emulator.http.Json;
import dev.ivr.emulator.notify.NotificationDispatcher;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The commsNotifications the emulator sends, one method per situation, in the configured
 * {@link PayloadStyle}. {@link PayloadStyle#DOCS} follows the examples of Graph's v1.0 pages key for
 * key (the page is named on each method); {@link PayloadStyle#RICH} is the fuller form observed in
 * real traffic. Fault-plan quirks (casing, string codes, missing ids) are applied later, by the
 * dispatcher.
 */
final class Notifications {

  private static final AtomicLong ETAG = new AtomicLong(5000);

  private final boolean docs;
  private final boolean squashed;

  Notifications(EmulatorConfig config) {
    this.docs = config.payloadStyle() == PayloadStyle.DOCS;
    this.squashed = config.squashedResourceUrlIds();
  }

  // ---------------------------------------------------------------- calls

  /** call-answer "Notification - incoming": the call's state, direction, source, targets and modalities. */
  ObjectNode incoming(Call c) {
    if (!docs) return item(c, "created", CallJson.callPath(c), CallJson.callResource(c, false));
    ObjectNode data = callData(c, true);
    data.put("state", c.state);
    data.put("direction", c.direction);
    data.set("source", docsParticipant(c.source, true));
    ArrayNode targets = data.putArray("targets");
    for (JsonNode t : c.targets) targets.add(docsParticipant(t, false));
    data.set("requestedModalities", c.requestedModalities.deepCopy());
    return item(c, "created", CallJson.callPath(c), data);
  }

  /**
   * call-answer "Notification - establishing/established" (with {@code @odata.id} and etag) and
   * application-post-calls' for outgoing calls (with the call's {@code id}, established with its
   * direction).
   */
  ObjectNode establishing(Call c) {
    if (!docs) return state(c);
    return item(c, "updated", CallJson.callPath(c), answerFlowData(c));
  }

  /** The {@code established} update; RICH adds {@code mediaState} unless {@code withMediaState} is false. */
  ObjectNode established(Call c, boolean withMediaState) {
    if (!docs) {
      ObjectNode data = CallJson.callUpdate(c);
      if (withMediaState) data.set("mediaState", CallJson.mediaState("active"));
      return item(c, "updated", CallJson.callPath(c), data);
    }
    ObjectNode data = answerFlowData(c);
    if ("outgoing".equals(c.direction)) data.put("direction", c.direction);
    return item(c, "updated", CallJson.callPath(c), data);
  }

  /** An {@code updated} with the call's state alone: call-delete's terminating, call-transfer's transferring and transferAccepted. */
  ObjectNode state(Call c) {
    return item(c, "updated", CallJson.callPath(c), stateData(c));
  }

  /** The media of the call went {@code inactive} (a transfer being completed) [inferred shape]. */
  ObjectNode mediaState(Call c, String audio) {
    ObjectNode data = stateData(c);
    data.set("mediaState", CallJson.mediaState(audio));
    return item(c, "updated", CallJson.callPath(c), data);
  }

  /** call-subscribetotone "Notification - tone notification". */
  ObjectNode tone(Call c, long sequenceId, String tone) {
    ObjectNode data = stateData(c);
    data.putObject("toneInfo").put("@odata.type", "#microsoft.graph.toneInfo").put("sequenceId", sequenceId)
        .put("tone", tone);
    return item(c, "updated", CallJson.callPath(c), data);
  }

  /**
   * call-delete "Notification - terminated": the call's end reason. DOCS sends code and subcode as
   * strings, as that example does ({@code "200"}, {@code "5001"}).
   */
  ObjectNode terminated(Call c, int code, int subcode, String message) {
    ObjectNode data = stateData(c);
    data.set("resultInfo", resultInfo(code, subcode, message, docs, "subcode"));
    if (c.terminationReason != null) data.put("terminationReason", c.terminationReason);
    return item(c, "deleted", CallJson.callPath(c), data);
  }

  /**
   * call-transfer "Notification - transfer completed": numeric 0/7015 "GracefulTransferCompleted"
   * (examples 1, 3, 5), or, for a consultative transfer, {@code terminationReason: AppTransferred}
   * and no resultInfo (examples 2, 4).
   */
  ObjectNode transferCompleted(Call c, boolean appTransferred) {
    ObjectNode data = stateData(c);
    if (appTransferred) {
      data.put("terminationReason", "AppTransferred");
    } else {
      data.set("resultInfo", resultInfo(0, 7015, "GracefulTransferCompleted", false, "subcode"));
    }
    return item(c, "deleted", CallJson.callPath(c), data);
  }

  /**
   * call-transfer "Notification - transfer failed": back to {@code established} with a resultInfo
   * whose subcode DOCS spells {@code subCode}, as every example does; a consultative transfer's (example 2)
   * also carries {@code replacesContext}.
   */
  ObjectNode transferFailed(Call c, int code, int subcode, String message, String replacesContext) {
    ObjectNode data = stateData(c);
    data.set("resultInfo", resultInfo(code, subcode, message, false, docs ? "subCode" : "subcode"));
    if (replacesContext != null) data.put("replacesContext", replacesContext);
    else if (!docs) data.putNull("replacesContext");
    return item(c, "updated", CallJson.callPath(c), data);
  }

  /** The bare {@code deleted} after a reject (call-reject) [inferred shape]. */
  ObjectNode rejected(Call c) {
    return item(c, "deleted", CallJson.callPath(c), stateData(c));
  }

  // ---------------------------------------------------------------- operations

  /**
   * An operation's completion, {@code deleted} on {@code …/operations/{id}}. DOCS: call-playprompt's
   * (no {@code id}, no completionReason) and call-record's (with {@code id}, recordingLocation and
   * token, no completionReason) "Notification - operation completed"; a failed record carries its
   * {@code completionReason}, as call-cancelmediaprocessing's example does.
   */
  ObjectNode operationCompleted(Call c, MediaOp op) {
    if (!docs) return item(c, "deleted", CallJson.opPath(c, op), CallJson.operationUpdate(c, op));
    ObjectNode data = odata(op.odataType(), CallJson.opPath(c, op));
    boolean record = MediaOp.RECORD.equals(op.type);
    if (record) {
      data.put("id", op.id);
      putClientContext(data, op);
      data.put("status", op.status);
      data.set("resultInfo", resultInfo(op.code, op.subcode == null ? 0 : op.subcode, op.message, false, "subcode"));
      data.put("recordingLocation", op.recordingLocation == null ? "" : op.recordingLocation);
      data.put("recordingAccessToken", op.recordingToken == null ? "" : op.recordingToken);
      if ("failed".equals(op.status) && op.completionReason != null) data.put("completionReason", op.completionReason);
    } else {
      data.set("resultInfo", resultInfo(op.code, op.subcode == null ? 0 : op.subcode, op.message, false, "subcode"));
      putClientContext(data, op);
      data.put("status", op.status);
    }
    return item(c, "deleted", CallJson.opPath(c, op), data);
  }

  // ---------------------------------------------------------------- shapes

  /** One commsNotification; RICH adds the legacy {@code resource}, DOCS an outgoing call's {@code callbackUri}. */
  private ObjectNode item(Call c, String changeType, String path, ObjectNode resourceData) {
    ObjectNode n = Json.object();
    n.put("@odata.type", "#microsoft.graph.commsNotification");
    n.put("changeType", changeType);
    if (!docs) n.put("resource", path.replaceFirst("^/communications/", "/app/"));
    n.put("resourceUrl", url(path));
    if (docs && "outgoing".equals(c.direction) && c.callbackUri != null) n.put("callbackUri", c.callbackUri);
    n.set("resourceData", resourceData);
    return n;
  }

  private String url(String path) {
    return squashed ? NotificationDispatcher.squash(path) : path;
  }

  /** The call update of the answer flow: with {@code @odata.id} and etag for incoming calls, the {@code id} for outgoing ones. */
  private ObjectNode answerFlowData(Call c) {
    boolean outgoing = "outgoing".equals(c.direction);
    ObjectNode data = callData(c, !outgoing);
    data.put("state", c.state);
    if (outgoing) data.put("id", c.id);
    return data;
  }

  /** {@code @odata.type} and the state; an outgoing call's updates also carry its {@code id} [inferred]. */
  private ObjectNode stateData(Call c) {
    if (!docs) return CallJson.callUpdate(c);
    ObjectNode data = callData(c, false);
    data.put("state", c.state);
    if ("outgoing".equals(c.direction)) data.put("id", c.id);
    return data;
  }

  private ObjectNode callData(Call c, boolean withOdataId) {
    return withOdataId ? odata("#microsoft.graph.call", CallJson.callPath(c))
        : Json.object().put("@odata.type", "#microsoft.graph.call");
  }

  private ObjectNode odata(String type, String path) {
    return Json.object().put("@odata.type", type).put("@odata.id", url(path))
        .put("@odata.etag", "W/\"" + ETAG.incrementAndGet() + "\"");
  }

  private static void putClientContext(ObjectNode data, MediaOp op) {
    if (op.clientContext != null) data.put("clientContext", op.clientContext);
    else data.putNull("clientContext");
  }

  /** A resultInfo; {@code strings} writes code and subcode as JSON strings, {@code subcodeName} spells the subcode. */
  static ObjectNode resultInfo(int code, int subcode, String message, boolean strings, String subcodeName) {
    ObjectNode ri = Json.object().put("@odata.type", "#microsoft.graph.resultInfo");
    if (strings) {
      ri.put("code", Integer.toString(code)).put(subcodeName, Integer.toString(subcode));
    } else {
      ri.put("code", code).put(subcodeName, subcode);
    }
    return ri.put("message", message);
  }

  /**
   * A participant as call-answer's example shows it: the identity (each identity with its
   * {@code displayName} and {@code id} only), and for the source its region and language.
   */
  private static ObjectNode docsParticipant(JsonNode rich, boolean source) {
    ObjectNode p = Json.object();
    ObjectNode identity = p.putObject("identity");
    rich.path("identity").fields().forEachRemaining(e -> {
      if (e.getKey().startsWith("@") || !e.getValue().isObject()) return;
      ObjectNode id = identity.putObject(e.getKey());
      for (String f : List.of("displayName", "id")) {
        if (e.getValue().hasNonNull(f)) id.put(f, e.getValue().get(f).asText());
      }
    });
    if (source) {
      p.put("region", rich.path("region").asText("amer"));
      p.put("languageId", rich.path("languageId").asText("en-us"));
    }
    return p;
  }
}
