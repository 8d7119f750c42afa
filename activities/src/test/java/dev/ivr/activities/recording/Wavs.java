package dev.ivr.activities.recording;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Test WAV files: 16 kHz mono 16-bit PCM, as Graph records them. */
final class Wavs {
  private Wavs() {}

  static byte[] pcm16kMono(int millis) {
    int sampleRate = 16_000;
    int samples = sampleRate * millis / 1000;
    int dataSize = samples * 2;
    ByteBuffer wav = ByteBuffer.allocate(44 + dataSize).order(ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes()).putInt(36 + dataSize).put("WAVE".getBytes());
    wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate)
        .putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
    wav.put("data".getBytes()).putInt(dataSize);
    for (int i = 0; i < samples; i++) {
      wav.putShort((short) (Math.sin(i * 2 * Math.PI * 440 / sampleRate) * 8000 + (i % 7)));
    }
    return wav.array();
  }

  /** A WAV with a LIST chunk before fmt and an odd-sized chunk, to exercise chunk walking. */
  static byte[] withExtraChunks(int millis) {
    byte[] plain = pcm16kMono(millis);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer header = ByteBuffer.allocate(12 + 8 + 5 + 1).order(ByteOrder.LITTLE_ENDIAN);
    header.put("RIFF".getBytes()).putInt(plain.length - 8 + 14).put("WAVE".getBytes());
    header.put("LIST".getBytes()).putInt(5).put(new byte[] {1, 2, 3, 4, 5}).put((byte) 0);
    out.write(header.array(), 0, header.position());
    out.write(plain, 12, plain.length - 12);
    return out.toByteArray();
  }
}
