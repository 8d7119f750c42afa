package dev.ivr.workflows.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Locale;
import java.util.Map;

/** A DTMF key press: Graph's {@code toneInfo}. {@code sequenceId} increases per call from 1. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToneReceived(long sequenceId, String tone) implements GraphEvent {
  private static final Map<String, String> KEY_BY_TONE = Map.ofEntries(
      Map.entry("tone0", "0"), Map.entry("tone1", "1"), Map.entry("tone2", "2"), Map.entry("tone3", "3"),
      Map.entry("tone4", "4"), Map.entry("tone5", "5"), Map.entry("tone6", "6"), Map.entry("tone7", "7"),
      Map.entry("tone8", "8"), Map.entry("tone9", "9"), Map.entry("star", "*"), Map.entry("pound", "#"),
      Map.entry("a", "A"), Map.entry("b", "B"), Map.entry("c", "C"), Map.entry("d", "D"));

  /**
   * Graph's tone name ({@code tone0…tone9}, {@code star}, {@code pound}, {@code a…d}, any case) as
   * the key pressed: 0-9, *, #, A-D; a single key 0-9, * or # passes through; null otherwise
   * ({@code flash}).
   */
  public static String keyOf(String tone) {
    if (tone == null) {
      return null;
    }
    String t = tone.trim();
    if (t.length() == 1 && "0123456789*#".contains(t)) {
      return t;
    }
    return KEY_BY_TONE.get(t.toLowerCase(Locale.ROOT));
  }

  @Override
  public String dedupKey() {
    return "tone:" + sequenceId;
  }
}
