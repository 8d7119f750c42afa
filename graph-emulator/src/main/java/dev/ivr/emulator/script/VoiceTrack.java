package dev.ivr.emulator.script;

import dev.ivr.emulator.media.VoiceSynth;
import java.util.ArrayList;
import java.util.List;

/** The remote party's voice over the call: speech segments in emulated time; the rest is silence. */
public final class VoiceTrack {

  private final List<VoiceSynth.Segment> speech = new ArrayList<>();

  /** Adds speech from {@code start} to {@code end}, merging with a touching or overlapping segment. */
  public synchronized void speak(double start, double end) {
    speech.add(new VoiceSynth.Segment(start, end));
    speech.sort((a, b) -> Double.compare(a.start(), b.start()));
  }

  public synchronized List<VoiceSynth.Segment> segments() {
    return List.copyOf(new ArrayList<>(speech));
  }

  public synchronized boolean speechAt(double t) {
    return speech.stream().anyMatch(s -> s.start() <= t && t < s.end());
  }
}
