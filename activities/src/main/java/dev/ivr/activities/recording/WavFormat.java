package dev.ivr.activities.recording;

/** The {@code fmt } chunk of a WAV file; {@code formatTag} 1 is PCM. */
record WavFormat(int formatTag, int channels, long sampleRate, long byteRate, int blockAlign, int bitsPerSample) {
  static final int PCM = 1;
  static final int EXTENSIBLE = 0xFFFE;

  boolean isPcm() {
    return formatTag == PCM;
  }

  @Override
  public String toString() {
    return (isPcm() ? "PCM" : "format 0x" + Integer.toHexString(formatTag)) + " " + channels + " ch " + sampleRate
        + " Hz " + bitsPerSample + " bit";
  }
}
