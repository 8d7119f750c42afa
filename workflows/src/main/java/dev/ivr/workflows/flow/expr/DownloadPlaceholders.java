package dev.ivr.workflows.flow.expr;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the flow function {@code recordingDownloadUrl(message)} yields:
 * {@code {{recordingDownloadUrl:<base64url of the recording's store location>}}}, a placeholder that
 * the http activity replaces with a signed, expiring download URL when it sends the request, so the
 * URL is never in history. Deterministic: it only encodes the location.
 */
public final class DownloadPlaceholders {
  public static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{recordingDownloadUrl:([A-Za-z0-9_-]*)}}");
  private static final String PREFIX = "{{recordingDownloadUrl:";

  private DownloadPlaceholders() {}

  /** The placeholder of a recording at {@code location}. */
  public static String of(String location) {
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(location.getBytes(StandardCharsets.UTF_8))
        + "}}";
  }

  /** Whether {@code text} holds a placeholder. */
  public static boolean in(String text) {
    return text != null && text.contains(PREFIX);
  }

  /** The location a match of {@link #PLACEHOLDER} names. */
  public static String location(Matcher placeholder) {
    return new String(Base64.getUrlDecoder().decode(placeholder.group(1)), StandardCharsets.UTF_8);
  }
}
