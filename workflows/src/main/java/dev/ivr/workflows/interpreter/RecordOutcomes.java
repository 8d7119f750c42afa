package dev.ivr.workflows.interpreter;

import dev.ivr.workflows.event.OperationCompleted;
import java.util.Map;

/**
 * Interprets a recordOperation completion. Graph's {@code completionReason} names the outcome; when
 * it is missing, the resultInfo subcode does (8508 cancelled … 8515 max duration, as in the docs and
 * the ACS subcode table).
 */
final class RecordOutcomes {
  private static final Map<Integer, String> REASON_BY_SUBCODE = Map.of(
      8508, "operationCanceled",
      8509, "maxSilenceTimeout",
      8510, "initialSilenceTimeout",
      8511, "playPromptFailed",
      8512, "playBeepFailed",
      8513, "mediaReceiveTimeout",
      8514, "stopToneDetected",
      8515, "maxRecordDurationReached");

  private RecordOutcomes() {}

  static String reason(OperationCompleted done) {
    if (done.completionReason() != null && !done.completionReason().isBlank()) {
      return done.completionReason();
    }
    int subcode = done.resultInfo() == null ? 0 : done.resultInfo().subcode();
    return REASON_BY_SUBCODE.getOrDefault(subcode, done.succeeded() ? "completed" : "unknown");
  }

  static boolean hasRecording(OperationCompleted done) {
    return "completed".equalsIgnoreCase(done.status())
        && done.recordingLocation() != null
        && !done.recordingLocation().isBlank();
  }

  static boolean isNoInput(OperationCompleted done) {
    return "initialSilenceTimeout".equalsIgnoreCase(reason(done));
  }
}
