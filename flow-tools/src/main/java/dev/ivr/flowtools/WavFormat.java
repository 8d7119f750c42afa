package dev.ivr.flowtools;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The header facts of a RIFF/WAVE file that Graph cares about. Graph's service-hosted media plays
 * only 16 kHz, mono, 16-bit PCM ({@link #isGraphPlayable()}). Used by the validator and by the api,
 * which serves the prompts and needs their length.
 */
public record WavFormat(int audioFormat, int channels, int sampleRate, int bitsPerSample, long dataBytes) {

  private static final int PCM = 1;
  private static final int EXTENSIBLE = 0xFFFE;

  public boolean isGraphPlayable() {
    return audioFormat == PCM && channels == 1 && sampleRate == 16_000 && bitsPerSample == 16;
  }

  public long durationMillis() {
    long bytesPerSecond = (long) sampleRate * channels * (bitsPerSample / 8);
    return bytesPerSecond == 0 ? 0 : dataBytes * 1000 / bytesPerSecond;
  }

  public String describe() {
    return (audioFormat == PCM ? "PCM" : "format " + audioFormat) + ", " + sampleRate + " Hz, "
        + channels + " channel(s), " + bitsPerSample + "-bit";
  }

  /** Reads the header from the file's bytes; throws IllegalArgumentException when it is not a WAV. */
  public static WavFormat read(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    if (file.length < 12 || !fourCc(b, 0).equals("RIFF") || !fourCc(b, 8).equals("WAVE")) {
      throw new IllegalArgumentException("not a RIFF/WAVE file");
    }
    int pos = 12;
    WavFormat fmt = null;
    while (pos + 8 <= file.length) {
      String id = fourCc(b, pos);
      long size = Integer.toUnsignedLong(b.getInt(pos + 4));
      int body = pos + 8;
      if (id.equals("fmt ")) {
        if (size < 16 || body + 16 > file.length) {
          throw new IllegalArgumentException("truncated fmt chunk");
        }
        int format = Short.toUnsignedInt(b.getShort(body));
        if (format == EXTENSIBLE && size >= 40 && body + 26 <= file.length) {
          format = Short.toUnsignedInt(b.getShort(body + 24)); // the sub-format GUID starts with the format code
        }
        fmt = new WavFormat(format, Short.toUnsignedInt(b.getShort(body + 2)), b.getInt(body + 4),
            Short.toUnsignedInt(b.getShort(body + 14)), 0);
      } else if (id.equals("data")) {
        if (fmt == null) {
          throw new IllegalArgumentException("data chunk before fmt chunk");
        }
        long available = file.length - body;
        long dataBytes = Math.min(size, available); // streamed files may declare 0xFFFFFFFF
        return new WavFormat(fmt.audioFormat, fmt.channels, fmt.sampleRate, fmt.bitsPerSample, dataBytes);
      }
      pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
    }
    throw new IllegalArgumentException(fmt == null ? "no fmt chunk" : "no data chunk");
  }

  private static String fourCc(ByteBuffer b, int at) {
    byte[] id = new byte[4];
    b.get(at, id);
    return new String(id, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
