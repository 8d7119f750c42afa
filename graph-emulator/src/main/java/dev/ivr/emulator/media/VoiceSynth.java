package dev.ivr.emulator.media;

import java.util.List;

/**
 * Renders the remote party's voice track as PCM: speech segments become a deterministic voice-like
 * signal (a pitch-varying harmonic source, vowel-like formant weighting, syllable-rate envelope);
 * everything else is digital near-silence (a +/-1 LSB seeded dither). Same seed, same track, same
 * window: same bytes.
 */
public final class VoiceSynth {

  private VoiceSynth() {}

  /** A speech segment, emulated seconds. */
  public record Segment(double start, double end) {}

  /** Samples of {@code [from, to)} of a track whose speech segments are {@code speech}. */
  public static short[] render(List<Segment> speech, double from, double to, long seed) {
    return render(speech, from, to, seed, 0);
  }

  /**
   * Like {@link #render(List, double, double, long)}; with {@code loopSeconds > 0}, each speech
   * segment repeats its first {@code loopSeconds} (rendered once), so long recordings cost little
   * CPU. Still deterministic: same seed, track, window and loop, same bytes.
   */
  public static short[] render(List<Segment> speech, double from, double to, long seed, double loopSeconds) {
    int n = (int) Math.max(0, Math.round((to - from) * Wav.SAMPLE_RATE));
    int loop = (int) Math.round(loopSeconds * Wav.SAMPLE_RATE);
    short[] out = new short[n];
    short[] cache = null;
    int cachedSegment = -1;
    int segIndex = 0;
    for (int i = 0; i < n; i++) {
      double t = from + (double) i / Wav.SAMPLE_RATE;
      while (segIndex < speech.size() && speech.get(segIndex).end() <= t) segIndex++;
      Segment s = segIndex < speech.size() ? speech.get(segIndex) : null;
      if (s != null && s.start() <= t) {
        double local = t - s.start();
        double length = s.end() - s.start();
        if (loop <= 0 || local < loopSeconds || length - local < 0.02) {
          out[i] = voice(local, length, segIndex, seed);
        } else {
          if (cachedSegment != segIndex) {
            cache = new short[loop];
            for (int j = 0; j < loop; j++) cache[j] = voice((double) j / Wav.SAMPLE_RATE, length, segIndex, seed);
            cachedSegment = segIndex;
          }
          out[i] = cache[(int) Math.round(local * Wav.SAMPLE_RATE) % loop];
        }
      } else {
        out[i] = (short) (hash(seed, i) % 3 - 1);
      }
    }
    return out;
  }

  private static short voice(double local, double length, int segment, long seed) {
    double u = unit(seed, segment);
    double base = 105 + 60 * u;
    double vibratoHz = 0.6 + 0.4 * u;
    double phase = base * local - 12.0 / (2 * Math.PI * vibratoHz) * Math.cos(2 * Math.PI * vibratoHz * local);
    int syllable = (int) (local * 4.2);
    double vowel = unit(seed ^ 0x9E3779B97F4A7C15L, segment * 131 + syllable);
    double f1 = 350 + 500 * vowel;
    double f2 = 900 + 1400 * unit(seed, segment * 977 + syllable);
    double f0 = base + 12 * Math.sin(2 * Math.PI * vibratoHz * local);
    double sum = 0;
    for (int k = 1; k <= 18; k++) {
      double fk = k * f0;
      if (fk > 7600) break;
      double w = 1.0 / k * (1.0 + 2.5 * Math.exp(-Math.pow((fk - f1) / 120, 2)) + 1.5 * Math.exp(-Math.pow((fk - f2) / 180, 2)));
      sum += w * Math.sin(2 * Math.PI * k * phase);
    }
    double env = 0.55 + 0.45 * Math.sin(Math.PI * ((local * 4.2) % 1.0));
    double edge = Math.min(1, Math.min(local, length - local) / 0.02);
    return (short) Math.max(-32767, Math.min(32767, sum * env * edge * 4200));
  }

  private static double unit(long seed, long i) {
    return (hash(seed, i) & 0xFFFFFF) / (double) 0x1000000;
  }

  private static long hash(long seed, long i) {
    long z = seed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return z & Long.MAX_VALUE;
  }
}
