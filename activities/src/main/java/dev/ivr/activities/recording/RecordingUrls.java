package dev.ivr.activities.recording;

import dev.ivr.recordings.RecordingLinks;
import dev.ivr.workflows.external.RecordingDownloads;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.expr.DownloadPlaceholders;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The worker's side of signed recording URLs ({@link RecordingLinks}): it signs a recording's
 * location when a request leaves the worker, so the signed URL is in no history and no log.
 * Graph's playback URLs ({@code /media/recordings/<token>.wav}) expire after {@code playExpiry}
 * ({@value #PLAY_EXPIRY}, default 10 minutes: Graph fetches at once); delivery hooks' download URLs
 * ({@code /media/downloads/<token>.wav}) after {@code downloadExpiry} ({@value #DOWNLOAD_EXPIRY},
 * default 24 hours).
 *
 * <p>Without a key ({@value RecordingLinks#ENV} unset) nothing is signed: a request that needs a
 * link fails {@link #KEY_MISSING}, final, and the flow takes the node's {@code onError}. An unsigned
 * URL is never sent.
 */
public final class RecordingUrls {
  /** A link was needed but this worker has no signing key. */
  public static final String KEY_MISSING = "MediaSigningKeyMissing";
  /** A download placeholder names a location that is not one of the call's recordings. */
  public static final String NOT_THE_CALLS = "RecordingNotOfThisCall";
  public static final String PLAY_EXPIRY = "IVR_MEDIA_PLAYBACK_EXPIRY";
  public static final String DOWNLOAD_EXPIRY = "IVR_MEDIA_DOWNLOAD_EXPIRY";
  public static final Duration DEFAULT_PLAY_EXPIRY = Duration.ofMinutes(10);
  public static final Duration DEFAULT_DOWNLOAD_EXPIRY = Duration.ofHours(24);

  private final RecordingLinks links;
  private final Duration playExpiry;
  private final Duration downloadExpiry;
  private final Clock clock;

  private RecordingUrls(RecordingLinks links, Duration playExpiry, Duration downloadExpiry, Clock clock) {
    this.links = links;
    this.playExpiry = positive(playExpiry, DEFAULT_PLAY_EXPIRY, PLAY_EXPIRY);
    this.downloadExpiry = positive(downloadExpiry, DEFAULT_DOWNLOAD_EXPIRY, DOWNLOAD_EXPIRY);
    this.clock = clock;
  }

  /** No key: every link fails {@link #KEY_MISSING}. */
  public static RecordingUrls none() {
    return new RecordingUrls(null, null, null, Clock.systemUTC());
  }

  /** Links signed with {@code key}; null expiries take the defaults. */
  public static RecordingUrls of(String key, Duration playExpiry, Duration downloadExpiry, Clock clock) {
    return new RecordingUrls(RecordingLinks.withKey(key, RecordingLinks.ENV), playExpiry, downloadExpiry, clock);
  }

  /**
   * From {@value RecordingLinks#ENV} (or {@code _FILE}, read by the caller into {@code key}) and the
   * expiries' variables (ISO-8601 durations such as {@code PT10M}); no key: {@link #none()}.
   */
  public static RecordingUrls fromEnvironment(String key, Map<String, String> env) {
    Duration play = duration(env.get(PLAY_EXPIRY), PLAY_EXPIRY);
    Duration download = duration(env.get(DOWNLOAD_EXPIRY), DOWNLOAD_EXPIRY);
    if (key == null || key.isBlank()) {
      return new RecordingUrls(null, play, download, Clock.systemUTC());
    }
    return of(key, play, download, Clock.systemUTC());
  }

  public boolean enabled() {
    return links != null;
  }

  /** The media as Graph fetches it: a recording's URL template with a fresh token; a prompt as it is. */
  public MediaRef forGraph(MediaRef media) {
    if (!media.isRecording()) {
      return media;
    }
    String token = signer("play a recording back").sign(RecordingLinks.PLAY, media.recordingLocation(), clock.instant(),
        playExpiry);
    return new MediaRef(media.uri().replace(MediaRef.TOKEN, token), media.resourceId(), media.durationMillis());
  }

  /**
   * {@code text} with every {@code recordingDownloadUrl(...)} placeholder replaced by a signed
   * download URL; a placeholder naming no recording of {@code downloads} fails {@link #NOT_THE_CALLS}.
   */
  public String withDownloadUrls(String text, RecordingDownloads downloads) {
    if (!DownloadPlaceholders.in(text)) {
      return text;
    }
    Matcher placeholder = DownloadPlaceholders.PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (placeholder.find()) {
      String location = DownloadPlaceholders.location(placeholder);
      if (downloads == null || downloads.apiBaseUrl() == null || !downloads.locations().contains(location)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "recordingDownloadUrl(): the recording is not one of this call's", NOT_THE_CALLS);
      }
      String token = signer("link a recording for download").sign(RecordingLinks.DOWNLOAD, location, clock.instant(),
          downloadExpiry);
      placeholder.appendReplacement(out, Matcher.quoteReplacement(
          downloads.apiBaseUrl() + RecordingLinks.DOWNLOAD_PATH + token + ".wav"));
    }
    placeholder.appendTail(out);
    return out.toString();
  }

  private RecordingLinks signer(String purpose) {
    if (links == null) {
      throw ApplicationFailure.newNonRetryableFailure("cannot " + purpose + ": " + RecordingLinks.ENV
          + " is not set on this worker (the key it shares with the api to sign recording URLs)", KEY_MISSING);
    }
    return links;
  }

  private static Duration duration(String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT10M or PT24H, got '"
          + value + "'", e);
    }
  }

  private static Duration positive(Duration value, Duration fallback, String name) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return links == null ? "no recording links (" + RecordingLinks.ENV + " unset)"
        : "recording links signed (playback " + playExpiry + ", download " + downloadExpiry + ")";
  }
}
