package dev.ivr.api.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptLibraryTest {

  @TempDir Path dir;

  @Test
  void playableWav_isLoadedWithDurationAndAContentDerivedResourceId() throws IOException {
    write("en-US", "hello", wav(16_000, 1, 16, 32_000)); // one second
    PromptLibrary library = library();

    PromptFile prompt = library.require("en-US", "hello");

    assertThat(prompt.durationMillis()).isEqualTo(1_000);
    assertThat(prompt.urlPath()).isEqualTo("/prompts/en-US/hello.wav");
    assertThat(prompt.resourceId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(prompt.resourceId().replace("-", "").substring(0, 12)).isEqualTo(prompt.sha256().substring(0, 12));
  }

  @Test
  void differentContent_getsADifferentResourceId() throws IOException {
    write("en-US", "a", wav(16_000, 1, 16, 3_200));
    write("en-US", "b", wav(16_000, 1, 16, 6_400));
    PromptLibrary library = library();

    assertThat(library.require("en-US", "a").resourceId()).isNotEqualTo(library.require("en-US", "b").resourceId());
  }

  @Test
  void wrongFormat_failsWithAMessageNamingTheFile() throws IOException {
    write("en-US", "cd", wav(44_100, 2, 16, 1_000));
    write("en-US", "text", "hello".getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> library().require("en-US", "cd"))
        .hasMessageContaining("cd.wav")
        .hasMessageContaining("44100 Hz")
        .hasMessageContaining("16 kHz mono 16-bit PCM");
    assertThatThrownBy(() -> library().require("en-US", "text")).hasMessageContaining("text.wav").hasMessageContaining("not a WAV");
    assertThatThrownBy(() -> library().require("en-US", "missing")).hasMessageContaining("missing.wav");
  }

  @Test
  void namesThatCouldEscapeTheDirectory_areNeverResolved() throws IOException {
    Files.write(dir.resolveSibling("outside.wav"), wav(16_000, 1, 16, 100));
    PromptLibrary library = library();

    assertThat(library.find("en-US", "../outside")).isEmpty();
    assertThat(library.find("..", "outside")).isEmpty();
    assertThat(library.find("en-US/..", "x")).isEmpty();
    assertThatThrownBy(() -> library.require("..", "outside")).hasMessageContaining("invalid prompt name");
  }

  private PromptLibrary library() {
    return new PromptLibrary(new PromptProperties(dir.toString(), "en-US"));
  }

  private void write(String locale, String key, byte[] content) throws IOException {
    Files.createDirectories(dir.resolve(locale));
    Files.write(dir.resolve(locale).resolve(key + ".wav"), content);
  }

  static byte[] wav(int sampleRate, int channels, int bits, int dataBytes) {
    ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes).put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) channels)
        .putInt(sampleRate).putInt(sampleRate * channels * bits / 8).putShort((short) (channels * bits / 8))
        .putShort((short) bits);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
    for (int i = 0; i < dataBytes; i++) {
      b.put((byte) (i * 31 + dataBytes));
    }
    return b.array();
  }
}
