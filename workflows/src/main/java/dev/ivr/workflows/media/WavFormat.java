package dev.ivr.workflows.media;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code fmt } chunk of a RIFF/WAVE file, and the one parser of WAV headers that the prompt
 * checks (flow-tools, the api) and the recording download (activities) share. Graph's
 * service-hosted media plays only 16 kHz, mono, 16-bit PCM ({@link #isGraphPlayable()}).
 *
 * <p>Pure code on bytes: no files, no I/O, so it may live beside the workflow code.
 */
public record WavFormat(int formatTag, int channels, long sampleRate, long byteRate, int blockAlign, int bitsPerSample) {
  public static final int PCM = 1;
  public static final int EXTENSIBLE = 0xFFFE;

  /** Where the audio starts, and the size the {@code data} chunk declares (streamed files may say 0 or 0xFFFFFFFF). */
  public record Header(WavFormat format, int dataOffset, long declaredDataSize) {}

  public boolean isPcm() {
    return formatTag == PCM;
  }

  public boolean isGraphPlayable() {
    return isPcm() && channels == 1 && sampleRate == 16_000 && bitsPerSample == 16;
  }

  /** {@code PCM, 16000 Hz, 1 channel(s), 16-bit}. */
  public String describe() {
    return (isPcm() ? "PCM" : "format " + formatTag) + ", " + sampleRate + " Hz, " + channels + " channel(s), "
        + bitsPerSample + "-bit";
  }

  /**
   * The header in the first {@code length} bytes of a file: the first {@code fmt } chunk, and the
   * {@code data} chunk that must follow it within {@code maxHeader} bytes. Empty when more bytes are
   * needed, unless {@code complete} (the bytes are the whole file). Throws IllegalArgumentException,
   * with the reason, when the bytes cannot be a WAV file we read.
   */
  public static Optional<Header> header(byte[] h, int length, boolean complete, int maxHeader) {
    if (length < 12) {
      if (complete || !prefixMatches(h, length, "RIFF")) {
        throw new IllegalArgumentException(complete ? "only " + length + " bytes, too short for a WAV header"
            : "does not start with RIFF");
      }
      return Optional.empty();
    }
    if (!ascii(h, 0).equals("RIFF") || !ascii(h, 8).equals("WAVE")) {
      throw new IllegalArgumentException("not a RIFF/WAVE file");
    }
    WavFormat format = null;
    int pos = 12;
    while (pos + 8 <= length) {
      String id = ascii(h, pos);
      long size = u32(h, pos + 4);
      if (id.equals("data")) {
        if (format == null) {
          throw new IllegalArgumentException("data chunk before the fmt chunk");
        }
        return Optional.of(new Header(format, pos + 8, size));
      }
      if (id.equals("fmt ") && format == null) {
        if (size < 16) {
          throw new IllegalArgumentException("fmt chunk of " + size + " bytes is too short");
        }
        if (pos + 8 + 16 > length) {
          break;
        }
        format = readFormat(h, length, pos + 8, size);
      }
      long next = pos + 8 + size + (size & 1);
      if (next > maxHeader) {
        throw new IllegalArgumentException("chunk '" + id + "' of " + size + " bytes before the data chunk");
      }
      pos = (int) next;
    }
    if (complete) {
      throw new IllegalArgumentException(format == null ? "no fmt chunk" : "no data chunk");
    }
    return Optional.empty();
  }

  private static WavFormat readFormat(byte[] h, int length, int at, long size) {
    int tag = u16(h, at);
    if (tag == EXTENSIBLE && size >= 40 && at + 26 <= length) {
      tag = u16(h, at + 24); // the sub-format GUID starts with the real format tag
    }
    WavFormat format = new WavFormat(tag, u16(h, at + 2), u32(h, at + 4), u32(h, at + 8), u16(h, at + 12),
        u16(h, at + 14));
    if (format.channels() == 0 || format.byteRate() == 0) {
      throw new IllegalArgumentException("fmt chunk has no channels or a zero byte rate");
    }
    return format;
  }

  private static boolean prefixMatches(byte[] h, int length, String expected) {
    for (int i = 0; i < length && i < expected.length(); i++) {
      if (h[i] != expected.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static String ascii(byte[] h, int at) {
    return new String(h, at, 4, StandardCharsets.US_ASCII);
  }

  private static int u16(byte[] h, int at) {
    return (h[at] & 0xff) | (h[at + 1] & 0xff) << 8;
  }

  private static long u32(byte[] h, int at) {
    return (h[at] & 0xffL) | (h[at + 1] & 0xffL) << 8 | (h[at + 2] & 0xffL) << 16 | (h[at + 3] & 0xffL) << 24;
  }

  @Override
  public String toString() {
    return (isPcm() ? "PCM" : "format 0x" + Integer.toHexString(formatTag)) + " " + channels + " ch " + sampleRate
        + " Hz " + bitsPerSample + " bit";
  }
}
