package dev.ivr.api.callback;

import java.util.Locale;

/**
 * What a notification's resource path names: a call ({@code /communications/calls/{id}}, or the
 * legacy {@code /app/calls/{id}}), one of its operations ({@code …/operations/{opId}}), or something
 * else of the call such as its participants roster. Ids are kept as sent; Graph may upper-case them
 * and strip their dashes, which {@link dev.ivr.workflows.call.CallIds#normalise} undoes.
 */
record ResourcePath(Kind kind, String callId, String operationId) {

  enum Kind {
    CALL,
    OPERATION,
    OTHER
  }

  /** Parses {@code resourceUrl}, falling back to the legacy {@code resource}; null when neither names a call. */
  static ResourcePath of(String resourceUrl, String legacyResource) {
    ResourcePath path = parse(resourceUrl);
    return path != null ? path : parse(legacyResource);
  }

  static ResourcePath parse(String path) {
    if (path == null || path.isBlank()) {
      return null;
    }
    String p = path.trim();
    int query = indexOfAny(p, '?', '#');
    if (query >= 0) {
      p = p.substring(0, query);
    }
    String lower = p.toLowerCase(Locale.ROOT);
    int at = lower.indexOf("/communications/calls/");
    int skip = "/communications/calls/".length();
    if (at < 0) {
      at = lower.indexOf("/app/calls/");
      skip = "/app/calls/".length();
    }
    if (at < 0) {
      return null;
    }
    String[] segments = p.substring(at + skip).split("/");
    String callId = segments.length > 0 ? unquote(segments[0]) : "";
    if (callId.isBlank()) {
      return null;
    }
    if (segments.length == 1) {
      return new ResourcePath(Kind.CALL, callId, null);
    }
    if (segments.length == 3 && segments[1].equalsIgnoreCase("operations") && !segments[2].isBlank()) {
      return new ResourcePath(Kind.OPERATION, callId, unquote(segments[2]));
    }
    return new ResourcePath(Kind.OTHER, callId, null);
  }

  /** OData also spells keys as {@code calls('id')}; only the bare id matters. */
  private static String unquote(String segment) {
    String s = segment.trim();
    if (s.startsWith("('") && s.endsWith("')")) {
      s = s.substring(2, s.length() - 2);
    }
    return s;
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }
}
