package dev.ivr.activities.recording;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Checks a WAV file while it streams past and measures it: the RIFF/WAVE header and {@code fmt }
 * chunk must come within the first {@value #MAX_HEADER} bytes, which are all it keeps in memory.
 * Not-a-WAV is reported as soon as the first twelve bytes are in.
 */
final class WavInspector {
  static final int MAX_HEADER = 64 * 1024;
  private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;

  private final ByteArrayOutputStream header = new ByteArrayOutputStream();
  private WavFormat format;
  private long dataStart = -1;
  private long declaredDataSize;
  private long total;

  /** Feeds the next bytes of the file. */
  void update(byte[] bytes, int offset, int length) throws NotWavException {
    total += length;
    if (dataStart >= 0) {
      return;
    }
    int take = Math.min(length, MAX_HEADER - header.size());
    header.write(bytes, offset, take);
    parse();
    if (dataStart < 0 && header.size() >= MAX_HEADER) {
      throw new NotWavException("no data chunk within the first " + MAX_HEADER + " bytes");
    }
  }

  /** Ends the file and returns what it holds. */
  Summary finish() throws NotWavException {
    if (header.size() < 12) {
      throw new NotWavException("only " + header.size() + " bytes, too short for a WAV header");
    }
    if (dataStart < 0) {
      throw new NotWavException(format == null ? "no fmt chunk" : "no data chunk");
    }
    long actual = total - dataStart;
    boolean declared = declaredDataSize != 0 && declaredDataSize != UNKNOWN_SIZE && declaredDataSize <= actual;
    long dataSize = declared ? declaredDataSize : actual;
    long durationMillis = dataSize * 1000 / format.byteRate();
    return new Summary(format, dataSize, durationMillis);
  }

  private void parse() throws NotWavException {
    byte[] h = header.toByteArray();
    if (h.length < 12) {
      if (!prefixMatches(h, "RIFF")) {
        throw new NotWavException("does not start with RIFF");
      }
      return;
    }
    if (!ascii(h, 0).equals("RIFF") || !ascii(h, 8).equals("WAVE")) {
      throw new NotWavException("not a RIFF/WAVE file");
    }
    int pos = 12;
    while (pos + 8 <= h.length) {
      String id = ascii(h, pos);
      long size = u32(h, pos + 4);
      if (id.equals("data")) {
        if (format == null) {
          throw new NotWavException("data chunk before the fmt chunk");
        }
        dataStart = pos + 8;
        declaredDataSize = size;
        return;
      }
      if (id.equals("fmt ") && format == null) {
        if (size < 16) {
          throw new NotWavException("fmt chunk of " + size + " bytes is too short");
        }
        if (pos + 8 + 16 > h.length) {
          return;
        }
        format = readFormat(h, pos + 8, size);
      }
      long next = pos + 8 + size + (size & 1);
      if (next > MAX_HEADER) {
        throw new NotWavException("chunk '" + id + "' of " + size + " bytes before the data chunk");
      }
      pos = (int) next;
    }
  }

  private static WavFormat readFormat(byte[] h, int at, long size) throws NotWavException {
    int tag = u16(h, at);
    if (tag == WavFormat.EXTENSIBLE && size >= 40 && at + 26 <= h.length) {
      tag = u16(h, at + 24); // the sub-format GUID starts with the real format tag
    }
    WavFormat format = new WavFormat(tag, u16(h, at + 2), u32(h, at + 4), u32(h, at + 8), u16(h, at + 12),
        u16(h, at + 14));
    if (format.channels() == 0 || format.byteRate() == 0) {
      throw new NotWavException("fmt chunk has no channels or a zero byte rate");
    }
    return format;
  }

  private static boolean prefixMatches(byte[] h, String expected) {
    for (int i = 0; i < h.length && i < expected.length(); i++) {
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

  /** The format, the audio bytes and the length of a WAV file. */
  record Summary(WavFormat format, long dataSize, long durationMillis) {}
}
