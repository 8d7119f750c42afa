package dev.ivr.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.http.HttpError;
import dev.ivr.emulator.time.EmulatedClock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The bot's media requests on a call (playPrompt, recordResponse, cancelMediaProcessing,
 * subscribeToTone, GET operation): validated as Graph does, then queued on the call's
 * {@link MediaEngine}, or answered at once for the synchronous ones.
 */
final class MediaRequests {

  /** Result of starting a media operation: the response body, and when to answer. */
  record OpStart(ObjectNode body, String operationId, CompletableFuture<Integer> completionDelivered,
      boolean holdResponseUntilCompletion) {}

  private final EmulatorConfig config;
  private final EmulatedClock clock;
  private final Ids ids;
  private final CallRegistry calls;
  private final MediaEngine media;

  MediaRequests(EmulatorConfig config, EmulatedClock clock, Ids ids, CallRegistry calls, MediaEngine media) {
    this.config = config;
    this.clock = clock;
    this.ids = ids;
    this.calls = calls;
    this.media = media;
  }

  /** The call id as Graph spells it, for the operation's Location (any casing or dash form works). */
  String canonicalId(String callId) {
    return calls.canonicalId(callId);
  }

  OpStart playPrompt(String callId, JsonNode rawBody) {
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

  OpStart recordResponse(String callId, JsonNode rawBody) {
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

  ObjectNode cancelMediaProcessing(String callId, JsonNode rawBody) {
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

  ObjectNode subscribeToTone(String callId, JsonNode rawBody) {
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

  ObjectNode getOperation(String callId, String operationId) {
    return clock.call(() -> {
      Call c = calls.find(callId);
      MediaOp op = c.operations.get(operationId.toLowerCase(Locale.ROOT));
      if (op == null) throw HttpError.notFound("The operation " + operationId + " was not found.");
      return CallJson.operation(op);
    });
  }

  /** An operation Graph completes in its response. */
  private MediaOp syncOp(Call c, String type, String cc) {
    MediaOp op = new MediaOp(ids.next(), type, cc, List.of(), null, clock.now());
    op.status = "completed";
    c.operations.put(op.id, op);
    return op;
  }

  private Call mediaCall(String callId) {
    Call c = calls.find(callId);
    if ("incoming".equals(c.state) || "redirecting".equals(c.state)) {
      throw HttpError.badRequest("The call is not established (state '" + c.state + "').");
    }
    if ("terminating".equals(c.state)) throw HttpError.notFound("The call " + callId + " was not found.");
    return c;
  }
}
