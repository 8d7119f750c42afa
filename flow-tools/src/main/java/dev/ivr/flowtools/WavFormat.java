package dev.ivr.flowtools;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The header facts of a RIFF/WAVE file that Graph cares about: service-hosted media plays only
 * 16 kHz, mono, 16-bit PCM ({@link #isGraphPlayable()}).
 */
record WavFormat(int audioFormat, int channels, int sampleRate, int bitsPerSample) {

  private static final int PCM = 1;
  private static final int EXTENSIBLE = 0xFFFE;

  boolean isGraphPlayable() {
    return audioFormat == PCM && channels == 1 && sampleRate == 16_000 && bitsPerSample == 16;
  }

  String describe() {
    return (audioFormat == PCM ? "PCM" : "format " + audioFormat) + ", " + sampleRate + " Hz, " + channels
        + " channel(s), " + bitsPerSample + "-bit";
  }

  /** Reads the fmt chunk; throws IllegalArgumentException when the bytes are not a WAV with audio. */
  static WavFormat read(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    if (file.length < 12 || !fourCc(b, 0).equals("RIFF") || !fourCc(b, 8).equals("WAVE")) {
      throw new IllegalArgumentException("not a RIFF/WAVE file");
    }
    long pos = 12;
    WavFormat fmt = null;
    while (pos + 8 <= file.length) {
      String id = fourCc(b, (int) pos);
      long size = Integer.toUnsignedLong(b.getInt((int) pos + 4));
      int body = (int) pos + 8;
      if (id.equals("fmt ")) {
        if (size < 16 || body + 16 > file.length) {
          throw new IllegalArgumentException("truncated fmt chunk");
        }
        int format = Short.toUnsignedInt(b.getShort(body));
        if (format == EXTENSIBLE && size >= 40 && body + 26 <= file.length) {
          format = Short.toUnsignedInt(b.getShort(body + 24));
        }
        fmt = new WavFormat(format, Short.toUnsignedInt(b.getShort(body + 2)), b.getInt(body + 4),
            Short.toUnsignedInt(b.getShort(body + 14)));
      } else if (id.equals("data")) {
        if (fmt == null) {
          throw new IllegalArgumentException("data chunk before fmt chunk");
        }
        return fmt;
      }
      pos = body + size + (size & 1);
    }
    throw new IllegalArgumentException(fmt == null ? "no fmt chunk" : "no data chunk");
  }

  private static String fourCc(ByteBuffer b, int at) {
    byte[] id = new byte[4];
    b.get(at, id);
    return new String(id, StandardCharsets.US_ASCII);
  }
}
