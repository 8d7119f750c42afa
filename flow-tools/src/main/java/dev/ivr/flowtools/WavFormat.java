package dev.ivr.flowtools;


/**
 * The header facts of a prompt's RIFF/WAVE file that Graph cares about, read by the shared parser
 * ({@link dev.ivr.workflows.media.WavFormat}). Graph's service-hosted media plays only 16 kHz, mono,
 * 16-bit PCM ({@link #isGraphPlayable()}). Used by the validator and by the api, which serves the
 * prompts and needs their length.
 */
public record WavFormat(int audioFormat, int channels, int sampleRate, int bitsPerSample, long dataBytes) {

  private static final int PCM = 1;

  public boolean isGraphPlayable() {
    return audioFormat == PCM && channels == 1 && sampleRate == 16_000 && bitsPerSample == 16;
  }

  public long durationMillis() {
    long bytesPerSecond = (long) sampleRate * channels * (bitsPerSample / 8);
    return bytesPerSecond == 0 ? 0 : dataBytes * 1000 / bytesPerSecond;
  }

  public String describe() {
    return (audioFormat == PCM ? "PCM" : "format " + audioFormat) + ", " + sampleRate + " Hz, "
        + channels + " channel(s), " + bitsPerSample + "-bit";
  }

  /** Reads the header from the file's bytes; throws IllegalArgumentException when it is not a WAV. */
  public static WavFormat read(byte[] file) {
    dev.ivr.workflows.media.WavFormat.Header header =
        dev.ivr.workflows.media.WavFormat.header(file, file.length, true, file.length).orElseThrow();
    dev.ivr.workflows.media.WavFormat fmt = header.format();
    long dataBytes = Math.min(header.declaredDataSize(), file.length - header.dataOffset()); // streamed: 0xFFFFFFFF
    return new WavFormat(fmt.formatTag(), fmt.channels(), (int) fmt.sampleRate(), fmt.bitsPerSample(), dataBytes);
  }
}
