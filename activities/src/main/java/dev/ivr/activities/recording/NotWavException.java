package dev.ivr.activities.recording;

/** The bytes are not a RIFF/WAVE file that we can measure. */
final class NotWavException extends Exception {
  NotWavException(String message) {
    super(message);
  }
}
