package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A prompt's audio as Graph fetches it: an https URI (loopback http allowed in development) and a
 * {@code resourceId} derived from the file's content hash, so Graph's cache is never stale.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaRef(String uri, String resourceId, long durationMillis) {
  public MediaRef {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("media uri is required");
    }
  }
}
