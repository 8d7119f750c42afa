package dev.ivr.emulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Test support: measures the emulator's 16 kHz mono PCM WAV recordings. */
public final class Audio {
  private Audio() {}

  /** The root mean square of the samples from {@code from} to {@code to} seconds. */
  public static double rms(byte[] wav, double from, double to) {
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    int a = 44 + 2 * (int) (from * 16000);
    int z = Math.min(wav.length, 44 + 2 * (int) (to * 16000));
    double sum = 0;
    int n = 0;
    for (int i = a; i + 1 < z; i += 2) {
      double s = b.getShort(i);
      sum += s * s;
      n++;
    }
    return n == 0 ? 0 : Math.sqrt(sum / n);
  }
}
