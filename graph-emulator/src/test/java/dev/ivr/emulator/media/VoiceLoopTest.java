package dev.ivr.emulator.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.Audio;
import dev.ivr.emulator.EmulatorConfig;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** withVoiceLoopSeconds: long speech repeats its first seconds, rendered once; short speech is unchanged. */
class VoiceLoopTest {

  private static final List<VoiceSynth.Segment> SPEECH = List.of(new VoiceSynth.Segment(1.0, 121.0));

  @Test
  void looped_matchesTheFullSynthesisForItsFirstSeconds_andThenRepeatsThem() {
    short[] full = VoiceSynth.render(SPEECH, 0, 10, 7);
    short[] looped = VoiceSynth.render(SPEECH, 0, 10, 7, 2.0);

    assertThat(Arrays.copyOfRange(looped, 0, 3 * 16_000)).isEqualTo(Arrays.copyOfRange(full, 0, 3 * 16_000));
    // speech started at 1 s: 2 s later it starts over
    assertThat(Arrays.copyOfRange(looped, 3 * 16_000, 5 * 16_000)).isEqualTo(Arrays.copyOfRange(full, 16_000, 3 * 16_000));
    assertThat(VoiceSynth.render(SPEECH, 0, 10, 7, 2.0)).isEqualTo(looped);
  }

  @Test
  void twoMinuteRecording_withTheLoop_isSpeechThroughout() {
    short[] looped = VoiceSynth.render(SPEECH, 1, 121, 7, 2.0);

    assertThat(looped).hasSize(120 * 16_000);
    assertThat(Audio.rms(dev.ivr.emulator.media.Wav.write(looped), 100, 110)).isGreaterThan(1000);
  }

  @Test
  void config_defaultsToFullSynthesis_andRejectsNegativeLoops() {
    assertThat(EmulatorConfig.defaults().voiceLoopSeconds()).isZero();
    assertThat(EmulatorConfig.defaults().withVoiceLoopSeconds(2).voiceLoopSeconds()).isEqualTo(2.0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmulatorConfig.defaults().withVoiceLoopSeconds(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
