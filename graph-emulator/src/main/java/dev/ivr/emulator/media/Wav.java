package dev.ivr.emulator.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Reading and writing RIFF/WAV files. Graph plays and records 16 kHz, mono, 16-bit PCM. */
public final class Wav {

  public static final int SAMPLE_RATE = 16_000;
  public static final int BYTES_PER_SECOND = SAMPLE_RATE * 2;

  private Wav() {}

  /**
   * What a WAV header says.
   *
   * @param audioFormat 1 = PCM
   * @param channels channel count
   * @param sampleRate samples per second
   * @param bitsPerSample bits per sample
   * @param dataBytes size of the data chunk
   */
  public record Format(int audioFormat, int channels, int sampleRate, int bitsPerSample, long dataBytes) {

    /** Whether Graph's service-hosted media accepts it: PCM, mono, 16 kHz, 16-bit. */
    public boolean isGraphCompatible() {
      return audioFormat == 1 && channels == 1 && sampleRate == SAMPLE_RATE && bitsPerSample == 16;
    }

    public double durationSeconds() {
      long byteRate = (long) sampleRate * channels * Math.max(1, bitsPerSample / 8);
      return byteRate == 0 ? 0 : (double) dataBytes / byteRate;
    }
  }

  /** Parses the header; throws {@link IllegalArgumentException} when the bytes are not a WAV file. */
  public static Format read(byte[] bytes) {
    if (bytes.length < 12 || !ascii(bytes, 0, "RIFF") || !ascii(bytes, 8, "WAVE")) {
      throw new IllegalArgumentException("not a RIFF/WAVE file");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int pos = 12;
    Integer fmt = null;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    while (pos + 8 <= bytes.length) {
      String id = new String(bytes, pos, 4, StandardCharsets.US_ASCII);
      long size = Integer.toUnsignedLong(b.getInt(pos + 4));
      int body = pos + 8;
      if (id.equals("fmt ")) {
        if (size < 16 || body + 16 > bytes.length) throw new IllegalArgumentException("short fmt chunk");
        fmt = b.getShort(body) & 0xffff;
        channels = b.getShort(body + 2) & 0xffff;
        rate = b.getInt(body + 4);
        bits = b.getShort(body + 14) & 0xffff;
      } else if (id.equals("data")) {
        if (fmt == null) throw new IllegalArgumentException("data chunk before fmt chunk");
        long available = Math.min(size, bytes.length - body);
        return new Format(fmt, channels, rate, bits, available);
      }
      pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
    }
    throw new IllegalArgumentException("no data chunk");
  }

  /** A 16 kHz mono 16-bit PCM WAV file with these samples. */
  public static byte[] write(short[] samples) {
    int dataBytes = samples.length * 2;
    ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes).put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(SAMPLE_RATE).putInt(BYTES_PER_SECOND).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
    for (short s : samples) b.putShort(s);
    return b.array();
  }

  /** A silent 16 kHz mono 16-bit WAV of {@code seconds} (handy for prompt files in tests). */
  public static byte[] silence(double seconds) {
    return write(new short[(int) Math.round(seconds * SAMPLE_RATE)]);
  }

  /** A sine tone WAV (another handy prompt file). */
  public static byte[] tone(double seconds, double hz, int sampleRate, int channels, int bits) {
    int frames = (int) Math.round(seconds * sampleRate);
    int bytesPer = bits / 8;
    int dataBytes = frames * channels * bytesPer;
    ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes).put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) channels)
        .putInt(sampleRate).putInt(sampleRate * channels * bytesPer).putShort((short) (channels * bytesPer))
        .putShort((short) bits);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
    for (int i = 0; i < frames; i++) {
      double v = Math.sin(2 * Math.PI * hz * i / sampleRate) * 0.3;
      for (int c = 0; c < channels; c++) {
        if (bits == 16) b.putShort((short) (v * 32767));
        else if (bits == 8) b.put((byte) (128 + v * 127));
        else for (int k = 0; k < bytesPer; k++) b.put((byte) 0);
      }
    }
    return b.array();
  }

  private static boolean ascii(byte[] b, int off, String s) {
    return new String(b, off, 4, StandardCharsets.US_ASCII).equals(s);
  }
}
