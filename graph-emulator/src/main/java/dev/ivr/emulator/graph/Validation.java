package dev.ivr.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.http.HttpError;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Request checks as the service makes them, each failing with 400 and Graph's error body. Bodies are
 * parsed strictly, as OData does: unknown properties and wrongly typed values are rejected
 * (comms-samples#546).
 */
final class Validation {

  static final Set<String> MODALITIES = Set.of("audio", "video", "videoBasedScreenSharing");
  static final Set<String> STOP_TONES = Set.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#");

  private Validation() {}

  static JsonNode object(JsonNode body, boolean required) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      if (required) throw HttpError.badRequest("The request is invalid: a request body is required.");
      return dev.ivr.emulator.http.Json.object();
    }
    if (!body.isObject()) throw HttpError.badRequest("The request is invalid: the body must be a JSON object.");
    return body;
  }

  static void properties(JsonNode body, String type, Set<String> allowed, boolean strict) {
    if (!strict) return;
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (f.startsWith("@")) continue;
      if (!allowed.contains(f)) {
        throw HttpError.badRequest("The request is invalid: the property '" + f + "' does not exist on type '" + type + "'.");
      }
    }
  }

  static String string(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw HttpError.badRequest("The request is invalid: '" + field + "' must be a string.");
    return v.asText();
  }

  static String clientContext(JsonNode body) {
    String cc = string(body, "clientContext");
    if (cc != null && cc.length() > 256) {
      throw HttpError.badRequest("The request is invalid: clientContext must be at most 256 characters.");
    }
    return cc;
  }

  static boolean bool(JsonNode body, String field, boolean dflt) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) return dflt;
    if (!v.isBoolean()) throw HttpError.badRequest("The request is invalid: '" + field + "' must be a Boolean.");
    return v.asBoolean();
  }

  static int intInRange(JsonNode body, String field, int min, int max, int dflt) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) return dflt;
    if (!v.isIntegralNumber()) throw HttpError.badRequest("The request is invalid: '" + field + "' must be an Int32.");
    int i = v.asInt();
    if (i < min || i > max) {
      throw HttpError.badRequest("The request is invalid: " + field + " must be between " + min + " and " + max
          + " but was " + i + ".");
    }
    return i;
  }

  /** A callbackUri: https, or http on a loopback host when the emulator allows it. */
  static String callbackUri(JsonNode body, boolean required, EmulatorConfig config) {
    String uri = string(body, "callbackUri");
    if (uri == null) {
      if (required) throw HttpError.badRequest("The request is invalid: callbackUri is required.");
      return null;
    }
    checkCallbackUri(uri, config);
    return uri;
  }

  static void checkCallbackUri(String uri, EmulatorConfig config) {
    URI u;
    try {
      u = URI.create(uri);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("The request is invalid: callbackUri is not a valid URI.");
    }
    String scheme = String.valueOf(u.getScheme()).toLowerCase(Locale.ROOT);
    if (scheme.equals("https") && u.getHost() != null) return;
    if (scheme.equals("http") && config.httpAllowedFor(u.getHost())) return;
    throw HttpError.badRequest("The request is invalid: callbackUri must be an absolute https URI.");
  }

  static List<String> modalities(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull() || !v.isArray() || v.isEmpty()) {
      throw HttpError.badRequest("The request is invalid: " + field + " is required.");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode m : v) {
      if (!m.isTextual() || !MODALITIES.contains(m.asText())) {
        throw HttpError.badRequest("The request is invalid: '" + m.asText() + "' is not a valid value of " + field + ".");
      }
      out.add(m.asText());
    }
    return out;
  }

  /** mediaConfig: required, and service-hosted (the emulator models no app-hosted media). */
  static JsonNode mediaConfig(JsonNode body) {
    JsonNode mc = body.get("mediaConfig");
    if (mc == null || mc.isNull() || !mc.isObject()) {
      throw HttpError.badRequest("The request is invalid: mediaConfig is required.");
    }
    String type = mc.path("@odata.type").asText("");
    if (type.isEmpty()) {
      throw HttpError.badRequest("The request is invalid: mediaConfig needs an @odata.type (#microsoft.graph.serviceHostedMediaConfig).");
    }
    if (type.equalsIgnoreCase("#microsoft.graph.appHostedMediaConfig")) {
      throw HttpError.badRequest("The emulator models service-hosted media only (appHostedMediaConfig is not supported).");
    }
    if (!type.equalsIgnoreCase("#microsoft.graph.serviceHostedMediaConfig")) {
      throw HttpError.badRequest("The request is invalid: unknown mediaConfig type '" + type + "'.");
    }
    JsonNode pre = mc.get("preFetchMedia");
    if (pre != null && !pre.isNull()) {
      if (!pre.isArray()) throw HttpError.badRequest("The request is invalid: preFetchMedia must be a collection.");
      for (JsonNode m : pre) mediaUri(m);
    }
    return mc;
  }

  static String mediaUri(JsonNode mediaInfo) {
    String uri = mediaInfo == null ? null : mediaInfo.path("uri").asText(null);
    if (uri == null || uri.isBlank()) throw HttpError.badRequest("The request is invalid: mediaInfo.uri is required.");
    try {
      if (URI.create(uri).getScheme() == null) throw new IllegalArgumentException();
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("The request is invalid: mediaInfo.uri is not an absolute URI.");
    }
    return uri;
  }

  static List<MediaOp.PromptRef> prompts(JsonNode body, int max, boolean required) {
    JsonNode v = body.get("prompts");
    List<MediaOp.PromptRef> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      if (required) throw HttpError.badRequest("The request is invalid: prompts is required.");
      return out;
    }
    if (!v.isArray()) throw HttpError.badRequest("The request is invalid: prompts must be a collection.");
    if (required && v.isEmpty()) throw HttpError.badRequest("The request is invalid: prompts must not be empty.");
    if (v.size() > max) {
      throw HttpError.badRequest("The request is invalid: at most " + max + " prompt(s) are supported, got " + v.size() + ".");
    }
    for (JsonNode p : v) {
      if (!p.isObject()) throw HttpError.badRequest("The request is invalid: a prompt must be a mediaPrompt object.");
      String t = p.path("@odata.type").asText("#microsoft.graph.mediaPrompt");
      if (!t.equalsIgnoreCase("#microsoft.graph.mediaPrompt")) {
        throw HttpError.badRequest("The request is invalid: unsupported prompt type '" + t + "'.");
      }
      JsonNode mi = p.get("mediaInfo");
      String uri = mediaUri(mi);
      out.add(new MediaOp.PromptRef(uri, mi.path("resourceId").asText(null)));
    }
    return out;
  }

  static List<String> stopTones(JsonNode body) {
    JsonNode v = body.get("stopTones");
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) return out;
    if (!v.isArray()) throw HttpError.badRequest("The request is invalid: stopTones must be a collection.");
    for (JsonNode t : v) {
      if (!t.isTextual() || !STOP_TONES.contains(t.asText())) {
        throw HttpError.badRequest("The request is invalid: stop tone '" + t.asText() + "' is not one of 0-9, * and #.");
      }
      out.add(t.asText());
    }
    return out;
  }
}
