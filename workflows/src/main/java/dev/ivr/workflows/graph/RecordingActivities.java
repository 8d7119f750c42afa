package dev.ivr.workflows.graph;

import dev.ivr.workflows.event.RecordingStored;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Downloads a finished recording from Graph's {@code recordingLocation} with its
 * {@code recordingAccessToken} (not the Graph token), streaming it into the recording store.
 *
 * <p>Idempotent by {@link DownloadRecording#recordingId()}: a retry overwrites the same object, and
 * a recording already stored completely is not downloaded again. Failures: {@link #RECORDING_GONE}
 * (404/401/403: Graph discarded it or the token expired; not retryable) and {@link #NOT_WAV} (the
 * body is not a RIFF/WAVE file; not retryable). Anything else is retried.
 */
@ActivityInterface
public interface RecordingActivities {
  String RECORDING_GONE = "RecordingGone";
  String NOT_WAV = "RecordingNotWav";

  @ActivityMethod
  RecordingStored downloadRecording(DownloadRecording request);
}
