package dev.ivr.flowtools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes flows and prompt files for tests. */
final class TestFiles {
  private TestFiles() {}

  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A WAV of 100 ms of silence in the given format. */
  static Path wav(Path file, int sampleRate, int channels, int bits) {
    int dataBytes = sampleRate / 10 * channels * (bits / 8);
    ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes).put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) channels)
        .putInt(sampleRate).putInt(sampleRate * channels * bits / 8).putShort((short) (channels * bits / 8))
        .putShort((short) bits);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, b.array());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path prompt(Path dir, String locale, String key) {
    return wav(dir.resolve(locale).resolve(key + ".wav"), 16_000, 1, 16);
  }
}
