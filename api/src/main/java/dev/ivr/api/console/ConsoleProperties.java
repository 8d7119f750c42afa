package dev.ivr.api.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator console ({@code ivr.console.*}): how often a live stream polls Temporal (one poll per
 * stream key, shared by all its subscribers), how many SSE streams may be open at once (503 beyond),
 * how long one stays open before the browser reconnects, and how many calls a list shows.
 */
@ConfigurationProperties("ivr.console")
public record ConsoleProperties(
    @DefaultValue("500ms") Duration pollInterval,
    @DefaultValue("100") int maxStreams,
    @DefaultValue("10m") Duration streamTimeout,
    @DefaultValue("50") int listLimit,
    @DefaultValue("25") int liveDetailLimit) {

  public ConsoleProperties {
    if (pollInterval == null || pollInterval.toMillis() < 50) {
      throw new IllegalArgumentException("ivr.console.poll-interval must be at least 50ms, got " + pollInterval);
    }
    if (maxStreams < 1) {
      throw new IllegalArgumentException("ivr.console.max-streams must be positive, got " + maxStreams);
    }
    if (streamTimeout == null || streamTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("ivr.console.stream-timeout must be at least 1s, got " + streamTimeout);
    }
    if (listLimit < 1 || listLimit > 1000) {
      throw new IllegalArgumentException("ivr.console.list-limit must be 1-1000, got " + listLimit);
    }
    if (liveDetailLimit < 0) {
      throw new IllegalArgumentException("ivr.console.live-detail-limit must not be negative, got " + liveDetailLimit);
    }
  }
}
