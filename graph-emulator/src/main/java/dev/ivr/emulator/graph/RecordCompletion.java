package dev.ivr.emulator.graph;

import java.util.Map;

/**
 * How a recordResponse operation ends, by its resultInfo subcode: status, code, Graph's
 * {@code completionReason} (the beta enum's names) and whether there is a recording. 8508 and 8515
 * are documented (call-cancelmediaprocessing, call-record); the other subcodes are the Azure
 * Communication Services subcodes of the same media platform, and their status, code and recording
 * are inferred (see the README's table).
 */
record RecordCompletion(int subcode, String status, int code, String completionReason, boolean recording,
    String message) {

  private static final Map<Integer, RecordCompletion> BY_SUBCODE = Map.ofEntries(
      entry(8508, "failed", 400, "operationCanceled", false, "Action failed, the operation was cancelled."),
      entry(8509, "completed", 200, "maxSilenceTimeout", true, "Action completed, max silence timeout reached."),
      entry(8510, "failed", 400, "initialSilenceTimeout", false, "Action failed, initial silence timeout reached."),
      entry(8511, "failed", 400, "playPromptFailed", false, "Action failed, play prompt failed."),
      entry(8512, "failed", 400, "playBeepFailed", false, "Action failed, play beep failed."),
      entry(8513, "failed", 400, "mediaReceiveTimeout", false, "Action failed, media receive timeout."),
      entry(8514, "completed", 200, "stopToneDetected", true, "Action completed, stop tone detected."),
      entry(8515, "completed", 200, "maxRecordDurationReached", true, "Action completed, max record duration reached."),
      entry(8588, "completed", 200, "mediaReceiveTimeout", true,
          "Action completed, record completed and media receive timeout."),
      entry(8589, "failed", 429, "unspecifiedError", false, "Action failed, record throttled."),
      entry(9999, "failed", 500, "unspecifiedError", false, "Action failed, unknown error."));

  /** When a forced completion takes effect: at once, when the prompt would end, at the beep, or at the recording's end. */
  enum When { START, PROMPT, BEEP, END }

  static RecordCompletion of(int subcode) {
    RecordCompletion c = BY_SUBCODE.get(subcode);
    if (c == null) throw new IllegalArgumentException("no record completion with subcode " + subcode);
    return c;
  }

  When when() {
    return switch (subcode) {
      case 8508, 8589, 9999 -> When.START;
      case 8511 -> When.PROMPT;
      case 8512 -> When.BEEP;
      default -> When.END;
    };
  }

  private static Map.Entry<Integer, RecordCompletion> entry(int subcode, String status, int code, String reason,
      boolean recording, String message) {
    return Map.entry(subcode, new RecordCompletion(subcode, status, code, reason, recording, message));
  }
}
