package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * The parameters of Graph {@code recordResponse}, with Graph's documented defaults and limits:
 * timeouts 1..120 s (default 5), beep on by default, stop tones among 0-9, * and #.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordSettings(
    Integer initialSilenceTimeoutInSeconds,
    Integer maxSilenceTimeoutInSeconds,
    Integer maxRecordDurationInSeconds,
    Boolean playBeep,
    Boolean bargeInAllowed,
    List<String> stopTones) {

  public static final int MIN_SECONDS = 1;
  public static final int MAX_SECONDS = 120;

  public RecordSettings {
    initialSilenceTimeoutInSeconds = seconds("initialSilenceTimeoutInSeconds", initialSilenceTimeoutInSeconds);
    maxSilenceTimeoutInSeconds = seconds("maxSilenceTimeoutInSeconds", maxSilenceTimeoutInSeconds);
    maxRecordDurationInSeconds = seconds("maxRecordDurationInSeconds", maxRecordDurationInSeconds);
    playBeep = playBeep == null ? Boolean.TRUE : playBeep;
    bargeInAllowed = bargeInAllowed == null ? Boolean.FALSE : bargeInAllowed;
    stopTones = stopTones == null ? List.of() : List.copyOf(stopTones);
    for (String tone : stopTones) {
      if (!tone.matches("[0-9*#]")) {
        throw new IllegalArgumentException("stopTones must be among 0-9, * and #, got '" + tone + "'");
      }
    }
  }

  public static RecordSettings defaults() {
    return new RecordSettings(null, null, null, null, null, null);
  }

  private static int seconds(String name, Integer value) {
    int v = value == null ? 5 : value;
    if (v < MIN_SECONDS || v > MAX_SECONDS) {
      throw new IllegalArgumentException(name + " must be within 1..120 s, got " + v);
    }
    return v;
  }
}
