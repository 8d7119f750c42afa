package dev.ivr.activities.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivr.workflows.media.WavFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WavInspectorTest {

  @Test
  void measuresPcmWav_fedInSmallPieces() throws Exception {
    byte[] wav = Wavs.pcm16kMono(2_500);
    WavInspector inspector = new WavInspector();
    for (int i = 0; i < wav.length; i += 7) {
      inspector.update(wav, i, Math.min(7, wav.length - i));
    }
    WavInspector.Summary summary = inspector.finish();
    assertThat(summary.durationMillis()).isEqualTo(2_500);
    assertThat(summary.dataSize()).isEqualTo(wav.length - 44);
    assertThat(summary.format()).isEqualTo(new WavFormat(1, 1, 16_000, 32_000, 2, 16));
    assertThat(summary.format().isPcm()).isTrue();
  }

  @Test
  void walksPastOtherChunksBeforeFmt() throws Exception {
    byte[] wav = Wavs.withExtraChunks(1_000);
    WavInspector inspector = new WavInspector();
    inspector.update(wav, 0, wav.length);
    assertThat(inspector.finish().durationMillis()).isEqualTo(1_000);
  }

  @Test
  void rejectsHtmlAsSoonAsTheFirstBytesArrive() {
    byte[] html = "<html><body>login</body></html>".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> new WavInspector().update(html, 0, 4)).isInstanceOf(NotWavException.class);
  }

  @Test
  void rejectsATruncatedHeader() throws Exception {
    byte[] wav = Arrays.copyOf(Wavs.pcm16kMono(100), 30);
    WavInspector inspector = new WavInspector();
    inspector.update(wav, 0, wav.length);
    assertThatThrownBy(inspector::finish).isInstanceOf(NotWavException.class).hasMessageContaining("fmt");
  }

  @Test
  void usesTheBytesReceivedWhenTheDataSizeIsUnknown() throws Exception {
    byte[] wav = Wavs.pcm16kMono(1_000);
    wav[40] = wav[41] = wav[42] = wav[43] = (byte) 0xff; // streaming writers put 0xFFFFFFFF here
    WavInspector inspector = new WavInspector();
    inspector.update(wav, 0, wav.length);
    assertThat(inspector.finish().durationMillis()).isEqualTo(1_000);
  }
}
