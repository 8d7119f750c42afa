package dev.ivr.recordings;

import java.util.regex.Pattern;

/**
 * Recording ids: one or two segments separated by {@code /} (a workflow id, then a step), each of
 * letters, digits, {@code .}, {@code _} and {@code -}, never starting with {@code .} or {@code -}, so
 * an id can neither escape a store nor name one of its partial objects.
 */
final class RecordingIds {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

  private RecordingIds() {}

  /** The id itself; a clear {@link IllegalArgumentException} when it is not a safe recording id. */
  static String check(String recordingId) {
    String[] segments = recordingId == null ? new String[0] : recordingId.split("/", -1);
    if (segments.length < 1 || segments.length > 2) {
      throw new IllegalArgumentException("a recording id has one or two segments separated by '/', got '"
          + recordingId + "'");
    }
    for (String segment : segments) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw new IllegalArgumentException("recording id segments use letters, digits, '.', '_' and '-', got '"
            + recordingId + "'");
      }
    }
    return recordingId;
  }

  /** The recording id of a complete recording's name ({@code <id>.wav}), or null. */
  static String ofRecordingName(String name) {
    if (name == null || !name.endsWith(RecordingStore.EXTENSION)) {
      return null;
    }
    String id = name.substring(0, name.length() - RecordingStore.EXTENSION.length());
    try {
      return check(id);
    } catch (IllegalArgumentException notAnId) {
      return null;
    }
  }
}
