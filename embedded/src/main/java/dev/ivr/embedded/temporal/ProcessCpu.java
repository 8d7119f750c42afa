package dev.ivr.embedded.temporal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * CPU time of other processes (a Temporal server is not in this JVM, so per-thread CPU cannot see it),
 * from Linux's {@code /proc/<pid>/stat}: user + system time, in clock ticks of 10 ms (USER_HZ).
 */
public final class ProcessCpu {
  private static final long NANOS_PER_TICK = 10_000_000L;

  private ProcessCpu() {}

  /** The CPU time process {@code pid} has used so far; empty where it is gone or {@code /proc} is missing. */
  public static Optional<Long> nanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // the command name (field 2) may hold spaces: count from the last ')'
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Optional.of((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The CPU time of all of {@code pids} and their descendants (PostgreSQL's backends are children of
   * its postmaster), those still there.
   */
  public static long nanos(List<Long> pids) {
    return pids.stream()
        .flatMap(pid -> ProcessHandle.of(pid).stream()
            .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants())))
        .mapToLong(ProcessHandle::pid).distinct()
        .map(pid -> nanos(pid).orElse(0L)).sum();
  }
}
