package dev.ivr.workflows.call;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;

/**
 * How long the workflow waits for each Graph event before it gives up. Every wait has a bound,
 * because Graph may never send a notification (for example, no record completion on hang-up).
 *
 * <p>{@code timeScale} compresses time for flow tests against the emulator: both run N times
 * faster, so every workflow timer (these bounds, menu and digit timeouts, prompt lengths) is divided
 * by it. Production calls use 1. Parameters sent to Graph are never scaled (the emulator scales them).
 *
 * <p>{@code clockOffsetMillis} moves the clock that {@code businessHours} nodes read, for flow tests
 * that run a call "on Christmas Day" against a real Temporal server, whose clock cannot be set.
 * Production calls use 0 (null in histories recorded before it existed).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallTimeouts(Duration established, Duration mediaMargin, Duration terminated, Double timeScale,
    Long clockOffsetMillis) {
  /**
   * The workflow run timeout every call starts with, the last backstop after {@link CallBackstop}:
   * Temporal ends a run that lasts longer, even one whose workflow task fails for ever. No call of an
   * IVR lasts a day (Graph itself ends a call without keepAlive after 45 minutes).
   */
  public static final Duration RUN_TIMEOUT = Duration.ofHours(24);

  public CallTimeouts {
    established = established == null ? Duration.ofSeconds(30) : established;
    mediaMargin = mediaMargin == null ? Duration.ofSeconds(30) : mediaMargin;
    terminated = terminated == null ? Duration.ofSeconds(15) : terminated;
    timeScale = timeScale == null || timeScale <= 0 ? 1.0 : timeScale;
    clockOffsetMillis = clockOffsetMillis == null ? 0L : clockOffsetMillis;
  }

  public CallTimeouts(Duration established, Duration mediaMargin, Duration terminated, Double timeScale) {
    this(established, mediaMargin, terminated, timeScale, 0L);
  }

  public CallTimeouts(Duration established, Duration mediaMargin, Duration terminated) {
    this(established, mediaMargin, terminated, 1.0);
  }

  public static CallTimeouts defaults() {
    return new CallTimeouts(null, null, null, null);
  }

  /** The time a {@code businessHours} node decides on: the workflow's time, moved by {@link #clockOffsetMillis}. */
  public long businessClock(long workflowMillis) {
    return workflowMillis + clockOffsetMillis;
  }

  /** A flow or Graph duration as the workflow must wait for it under {@link #timeScale}. */
  public Duration scaled(Duration d) {
    return timeScale == 1.0 ? d : Duration.ofNanos((long) (d.toNanos() / timeScale));
  }
}
