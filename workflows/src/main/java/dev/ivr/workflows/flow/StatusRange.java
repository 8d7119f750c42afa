package dev.ivr.workflows.flow;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP status or a range of them, as an http node's {@code onStatus} key names it: {@code 404},
 * {@code 4xx} (400-499) or {@code 400-403}. When several keys match a status, the narrowest wins.
 */
public record StatusRange(String key, int from, int to) {
  private static final Pattern KEY = Pattern.compile("([1-5][0-9]{2})|([1-5])xx|([1-5][0-9]{2})-([1-5][0-9]{2})");

  /** The range a key names; {@link IllegalArgumentException} when it names none. */
  public static StatusRange parse(String key) {
    Matcher m = KEY.matcher(key == null ? "" : key.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + key + "' is not a status, a class like 4xx or a range like 400-403");
    }
    if (m.group(1) != null) {
      int status = Integer.parseInt(m.group(1));
      return new StatusRange(key, status, status);
    }
    if (m.group(2) != null) {
      int hundreds = Integer.parseInt(m.group(2)) * 100;
      return new StatusRange(key, hundreds, hundreds + 99);
    }
    int from = Integer.parseInt(m.group(3));
    int to = Integer.parseInt(m.group(4));
    if (from > to) {
      throw new IllegalArgumentException("range '" + key + "' ends before it starts");
    }
    return new StatusRange(key, from, to);
  }

  public boolean contains(int status) {
    return status >= from && status <= to;
  }

  public int width() {
    return to - from;
  }

  /** The narrowest of {@code keys} that contains {@code status}; null when none does. */
  public static String match(Collection<String> keys, int status) {
    StatusRange best = null;
    for (String key : keys) {
      StatusRange range = parse(key);
      if (range.contains(status) && (best == null || range.width() < best.width())) {
        best = range;
      }
    }
    return best == null ? null : best.key();
  }
}
