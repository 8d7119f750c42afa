package dev.ivr.workflows.interpreter;

import dev.ivr.workflows.event.OperationCompleted;
import java.util.Map;

/**
 * Interprets a recordOperation completion. The resultInfo subcode names the reason (8508-8515 as
 * Graph's docs and its beta {@code completionReason} enum name them; 8588, 8589 and 9999 as Azure
 * Communication Services describes them); an unknown subcode falls back to Graph's
 * {@code completionReason}, which real completions carry only sometimes (the docs' completed
 * record has none).
 */
public final class RecordOutcomes {
  private static final Map<Integer, String> REASON_BY_SUBCODE = Map.ofEntries(
      Map.entry(8508, "operationCanceled"),
      Map.entry(8509, "maxSilenceTimeout"),
      Map.entry(8510, "initialSilenceTimeout"),
      Map.entry(8511, "playPromptFailed"),
      Map.entry(8512, "playBeepFailed"),
      Map.entry(8513, "mediaReceiveTimeout"),
      Map.entry(8514, "stopToneDetected"),
      Map.entry(8515, "maxRecordDurationReached"),
      Map.entry(8588, "recordCompletedAndMediaReceiveTimeout"),
      Map.entry(8589, "recordThrottled"),
      Map.entry(9999, "unspecifiedError"));

  private RecordOutcomes() {}

  static String reason(OperationCompleted done) {
    return reason(done.resultInfo() == null ? 0 : done.resultInfo().subcode(), done.completionReason(),
        done.succeeded());
  }

  /** The reason of a record completion with this subcode (0: none), {@code completionReason} (or null) and outcome. */
  public static String reason(int subcode, String completionReason, boolean succeeded) {
    String bySubcode = REASON_BY_SUBCODE.get(subcode);
    if (bySubcode != null) {
      return bySubcode;
    }
    if (completionReason != null && !completionReason.isBlank()) {
      return completionReason;
    }
    return succeeded ? "completed" : "unknown";
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
