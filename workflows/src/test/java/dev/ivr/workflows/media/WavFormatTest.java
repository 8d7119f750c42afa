package dev.ivr.workflows.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WavFormatTest {

  @Test
  void aPcmHeader_givesFormatDataOffsetAndDeclaredSize_andIsGraphPlayable() {
    byte[] wav = wav(1, 1, 16_000, 16, 3200, null);

    WavFormat.Header header = WavFormat.header(wav, wav.length, true, 1 << 16).orElseThrow();

    assertThat(header.format()).isEqualTo(new WavFormat(1, 1, 16_000, 32_000, 2, 16));
    assertThat(header.format().isGraphPlayable()).isTrue();
    assertThat(header.dataOffset()).isEqualTo(44);
    assertThat(header.declaredDataSize()).isEqualTo(3200);
  }

  @Test
  void aHeaderArrivingInPieces_needsMoreBytes_untilTheDataChunk() {
    byte[] wav = wav(1, 1, 16_000, 16, 3200, null);

    assertThat(WavFormat.header(wav, 4, false, 1 << 16)).isEmpty();
    assertThat(WavFormat.header(wav, 30, false, 1 << 16)).isEmpty();
    assertThat(WavFormat.header(wav, 44, false, 1 << 16)).isPresent();
  }

  @Test
  void anExtensibleFormat_readsTheRealFormatTag_fromItsSubFormat() {
    byte[] wav = wav(0xFFFE, 2, 44_100, 16, 100, 1);

    WavFormat format = WavFormat.header(wav, wav.length, true, 1 << 16).orElseThrow().format();

    assertThat(format.formatTag()).isEqualTo(WavFormat.PCM);
    assertThat(format.isGraphPlayable()).as("stereo 44.1 kHz").isFalse();
    assertThat(format.describe()).isEqualTo("PCM, 44100 Hz, 2 channel(s), 16-bit");
  }

  @Test
  void notAWav_saysWhy() {
    byte[] html = "<html>…".getBytes(StandardCharsets.UTF_8);
    byte[] wav = wav(1, 1, 16_000, 16, 3200, null);

    assertThatThrownBy(() -> WavFormat.header(html, 4, false, 1 << 16)).hasMessage("does not start with RIFF");
    assertThatThrownBy(() -> WavFormat.header(wav, 8, true, 1 << 16)).hasMessageContaining("too short");
    assertThatThrownBy(() -> WavFormat.header(Arrays.copyOf(wav, 36), 36, true, 1 << 16)).hasMessage("no data chunk");
    byte[] riff = Arrays.copyOf(wav, 12);
    assertThatThrownBy(() -> WavFormat.header(riff, 12, true, 1 << 16)).hasMessage("no fmt chunk");
    byte[] wave = wav.clone();
    wave[8] = 'X';
    assertThatThrownBy(() -> WavFormat.header(wave, wave.length, true, 1 << 16)).hasMessage("not a RIFF/WAVE file");
  }

  /** A RIFF/WAVE header (fmt of 16 bytes, or 40 for an extensible one with {@code subFormat}) and silent data. */
  private static byte[] wav(int tag, int channels, int rate, int bits, int dataBytes, Integer subFormat) {
    int fmtSize = subFormat == null ? 16 : 40;
    ByteBuffer b = ByteBuffer.allocate(12 + 8 + fmtSize + 8 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(b.capacity() - 8).put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(fmtSize).putShort((short) tag).putShort((short) channels)
        .putInt(rate).putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
    if (subFormat != null) {
      b.putShort((short) 22).putShort((short) bits).putInt(0).putShort((short) (int) subFormat);
      b.position(b.position() + 14);
    }
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
    return b.array();
  }
}
