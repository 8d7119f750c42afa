package dev.ivr.workflows.external;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Download links of an http node's request. The flow's CEL function {@code recordingDownloadUrl(message)}
 * yields a {@link #placeholder} that names the recording's store location; the http activity replaces
 * each placeholder with a freshly signed, expiring URL under {@code apiBaseUrl} when it sends the
 * request, so the signed URL is never in history. Only {@code locations} (the call's own recordings)
 * are signed: a placeholder naming anything else fails the request.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordingDownloads(String apiBaseUrl, List<String> locations) {
  /** {@code {{recordingDownloadUrl:<base64url of the location>}}}. */
  public static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{recordingDownloadUrl:([A-Za-z0-9_-]*)}}");
  private static final String PREFIX = "{{recordingDownloadUrl:";

  public RecordingDownloads {
    locations = locations == null ? List.of() : List.copyOf(locations);
  }

  /** What {@code recordingDownloadUrl(...)} yields for a recording at {@code location}. */
  public static String placeholder(String location) {
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(location.getBytes(StandardCharsets.UTF_8))
        + "}}";
  }

  /** Whether {@code text} holds a placeholder. */
  public static boolean in(String text) {
    return text != null && text.contains(PREFIX);
  }

  /** The location a placeholder's match names. */
  public static String location(Matcher placeholder) {
    return new String(Base64.getUrlDecoder().decode(placeholder.group(1)), StandardCharsets.UTF_8);
  }
}
