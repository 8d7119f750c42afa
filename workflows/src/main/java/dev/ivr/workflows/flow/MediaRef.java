package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A prompt's audio as Graph fetches it: an https URI (loopback http allowed in development) and a
 * {@code resourceId} derived from the file's content hash, so Graph's cache is never stale.
 *
 * <p>A recording made earlier in the call ({@link #recording}) names its {@code recordingLocation}
 * in the recording store, and its {@code uri} is a template with {@link #TOKEN} where the worker's
 * Graph activity puts a signed, expiring token when it sends the request: the signed URL is never
 * in history. Prompts have no {@code recordingLocation} (and it is not written for them).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaRef(String uri, String resourceId, long durationMillis,
    @JsonInclude(JsonInclude.Include.NON_NULL) String recordingLocation) {
  /** The part of a recording's {@code uri} that the worker replaces with a signed token. */
  public static final String TOKEN = "{token}";

  public MediaRef {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("media uri is required");
    }
    if (recordingLocation != null && !uri.contains(TOKEN)) {
      throw new IllegalArgumentException("a recording's uri needs the " + TOKEN + " placeholder");
    }
  }

  public MediaRef(String uri, String resourceId, long durationMillis) {
    this(uri, resourceId, durationMillis, null);
  }

  /**
   * A recording of the store at {@code location}, served by the api at {@code apiBaseUrl}
   * ({@code /media/recordings/{token}.wav}); {@code resourceId} must be unique per recording.
   */
  public static MediaRef recording(String apiBaseUrl, String location, String resourceId, long durationMillis) {
    return new MediaRef(apiBaseUrl + "/media/recordings/" + TOKEN + ".wav", resourceId, durationMillis, location);
  }

  @JsonIgnore
  public boolean isRecording() {
    return recordingLocation != null;
  }
}
