package dev.ivr.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark's flows directory: the {@code bench} flow (classpath {@code bench/flow.yaml}, its
 * record length filled in), a routing table that sends every call to it, and a 0.5 s prompt.
 */
final class BenchFlows {
  static final double PROMPT_SECONDS = 0.5;
  private static final int RATE = 16_000;

  private BenchFlows() {}

  /** Writes the directory; returns the api arguments that make the api use it. */
  static List<String> write(Path dir, int recordSeconds) {
    try {
      Files.createDirectories(dir.resolve("bench"));
      Files.createDirectories(dir.resolve("prompts/en-US"));
      String flow = resource("bench/flow.yaml").replace("${recordSeconds}", Integer.toString(recordSeconds));
      Files.writeString(dir.resolve("bench/flow.yaml"), flow);
      Files.writeString(dir.resolve("routing.yaml"), resource("bench/routing.yaml"));
      Files.write(dir.resolve("prompts/en-US/bench-prompt.wav"), promptWav());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the bench flows to " + dir, e);
    }
    return List.of(
        "--ivr.flows.dir=" + dir.toAbsolutePath(),
        "--ivr.flows.routing=" + dir.resolve("routing.yaml").toAbsolutePath(),
        "--ivr.prompts.dir=" + dir.resolve("prompts").toAbsolutePath());
  }

  /** A 0.5 s 440 Hz tone, 16 kHz mono 16-bit PCM: the only format Graph plays. */
  static byte[] promptWav() {
    int samples = (int) (PROMPT_SECONDS * RATE);
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples)
        .put("WAVE".getBytes(StandardCharsets.US_ASCII))
        .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16)
        .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples);
    for (int i = 0; i < samples; i++) {
      b.putShort((short) (8_000 * Math.sin(2 * Math.PI * 440 * i / RATE)));
    }
    return b.array();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = BenchFlows.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing classpath resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
