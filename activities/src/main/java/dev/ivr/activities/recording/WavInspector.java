package dev.ivr.activities.recording;

import dev.ivr.workflows.media.WavFormat;
import java.io.ByteArrayOutputStream;

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
    if (dataStart < 0) {
      WavFormat.Header found = header(header.toByteArray(), true); // throws why: too short, no fmt or data chunk
      format = found.format();
      dataStart = found.dataOffset();
      declaredDataSize = found.declaredDataSize();
    }
    long actual = total - dataStart;
    boolean declared = declaredDataSize != 0 && declaredDataSize != UNKNOWN_SIZE && declaredDataSize <= actual;
    long dataSize = declared ? declaredDataSize : actual;
    long durationMillis = dataSize * 1000 / format.byteRate();
    return new Summary(format, dataSize, durationMillis);
  }

  private void parse() throws NotWavException {
    byte[] h = header.toByteArray();
    WavFormat.Header found = header(h, false);
    if (found != null) {
      format = found.format();
      dataStart = found.dataOffset();
      declaredDataSize = found.declaredDataSize();
    }
  }

  /** The shared parser; its reasons become NotWavException. */
  private static WavFormat.Header header(byte[] h, boolean complete) throws NotWavException {
    try {
      return WavFormat.header(h, h.length, complete, MAX_HEADER).orElse(null);
    } catch (IllegalArgumentException e) {
      throw new NotWavException(e.getMessage());
    }
  }

  /** The format, the audio bytes and the length of a WAV file. */
  record Summary(WavFormat format, long dataSize, long durationMillis) {}
}
