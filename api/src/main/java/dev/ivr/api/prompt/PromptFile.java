package dev.ivr.api.prompt;

import java.util.HexFormat;

/**
 * A prompt's audio as served to Graph: its locale and key, its bytes, their sha256, and its
 * length. {@link #resourceId()} is derived from the content hash, so Graph's media cache (keyed by
 * resourceId) can never serve a stale recording of a changed prompt.
 */
public record PromptFile(String locale, String key, byte[] content, String sha256, long durationMillis) {

  /** The path under the api where Graph fetches it. */
  public String urlPath() {
    return "/prompts/" + locale + "/" + key + ".wav";
  }

  /** A GUID-shaped id (an RFC 9562 version-8 UUID) made of the first 16 bytes of the sha256. */
  public String resourceId() {
    byte[] b = HexFormat.of().parseHex(sha256.substring(0, 32));
    b[6] = (byte) ((b[6] & 0x0f) | 0x80);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    String h = HexFormat.of().formatHex(b);
    return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
        + "-" + h.substring(20);
  }

  /** A strong HTTP entity tag: the content hash, quoted. */
  public String etag() {
    return "\"" + sha256 + "\"";
  }

  @Override
  public String toString() {
    return "PromptFile[" + urlPath() + ", " + content.length + " bytes, " + durationMillis + " ms, sha256=" + sha256 + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PromptFile p && p.locale.equals(locale) && p.key.equals(key) && p.sha256.equals(sha256);
  }

  @Override
  public int hashCode() {
    return sha256.hashCode();
  }
}
