package dev.ivr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's load average ({@code uptime}), printed with every figure: the machine is shared, and
 * a figure measured under load says so.
 */
final class LoadAverage {
  private LoadAverage() {}

  /** The 1-minute load average; NaN where {@code /proc/loadavg} is missing. */
  static double oneMinute() {
    String[] fields = fields();
    return fields == null ? Double.NaN : Double.parseDouble(fields[0]);
  }

  /** The 1-, 5- and 15-minute load averages as {@code uptime} prints them, or "unknown". */
  static String uptime() {
    String[] fields = fields();
    return fields == null ? "unknown" : fields[0] + ", " + fields[1] + ", " + fields[2];
  }

  private static String[] fields() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields.length >= 3 ? fields : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
