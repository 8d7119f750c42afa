package dev.ivr.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * CPU time per part of the one-JVM system, from {@link ThreadMXBean} per-thread CPU grouped by
 * thread name. Threads come and go (Temporal's workflow threads end when a workflow leaves the
 * cache), so a sampler reads every live thread every 100 ms and keeps the last value seen: a thread
 * that ends loses at most its last 100 ms. GC and JIT threads are not Java threads; they are in
 * {@link Part#JVM}, the process CPU that no thread accounts for. A Temporal server outside this JVM
 * (the dev server, a cluster) is measured from its processes' {@code /proc} CPU time.
 */
final class ThreadCpu implements AutoCloseable {

  /** Which part of the system a thread works for. */
  enum Part {
    WORKER("worker"), API("api"), GRPC("grpc (server+clients)"), TEMPORAL_SERVER("temporal server"),
    EMULATOR("emulator"), FLOOR("floor"), TEMPORAL_FLOOR("temporal floor webhook"), BENCH("bench driver"),
    JVM("gc/jit/other");

    final String label;

    Part(String label) {
      this.label = label;
    }
  }

  static Part partOf(String name) {
    if (name.startsWith("floor-")) return Part.FLOOR;
    if (name.startsWith("tfloor-")) return Part.TEMPORAL_FLOOR;
    if (name.startsWith("bench-") || name.equals("main")) return Part.BENCH;
    if (name.startsWith("graph-emulator") || name.startsWith("HttpClient-") || name.equals("HTTP-Dispatcher")) {
      return Part.EMULATOR;
    }
    if (name.startsWith("http-nio-") || name.startsWith("Catalina") || name.startsWith("container-")
        || name.startsWith("temporal-rpc") || name.startsWith("tomcat")) {
      return Part.API;
    }
    if (name.startsWith("grpc-")) return Part.GRPC;
    if (name.startsWith("workflow-") || name.startsWith("Workflow ") || name.startsWith("Activity ")
        || name.startsWith("Local Activity") || name.startsWith("Nexus") || name.startsWith("Host Local")
        || name.startsWith("sticky") || name.startsWith("OkHttp") || name.startsWith("recording-")
        || name.startsWith("Temporal") || name.startsWith("Okio") || name.startsWith("Workflow")) {
      return Part.WORKER;
    }
    if (name.contains("TestService") || name.contains("test-server") || name.startsWith("TimeLocking")
        || name.startsWith("SelfAdvancingTimer") || name.startsWith("Timer ")) {
      return Part.TEMPORAL_SERVER;
    }
    return Part.JVM;
  }

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final Map<Long, Long> atStart = new HashMap<>();
  private final Map<Long, Long> last = new HashMap<>();
  private final Map<Long, String> names = new HashMap<>();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bench-cpu-sampler");
    t.setDaemon(true);
    return t;
  });
  private final long processStart;
  private final LongSupplier serverProcessNanos;
  private final long serverProcessStart;

  private ThreadCpu(LongSupplier serverProcessNanos) {
    this.serverProcessNanos = serverProcessNanos;
    this.serverProcessStart = serverProcessNanos.getAsLong();
    threads.setThreadCpuTimeEnabled(true);
    synchronized (this) {
      sample();
      atStart.putAll(last);
    }
    processStart = os.getProcessCpuTime();
    sampler.scheduleAtFixedRate(this::sample, 100, 100, TimeUnit.MILLISECONDS);
  }

  static ThreadCpu start() {
    return new ThreadCpu(() -> 0L);
  }

  /**
   * Also counts {@code serverProcessNanos}, the CPU time of the Temporal server's own processes (the
   * dev server, a cluster's services: outside this JVM), in {@link Part#TEMPORAL_SERVER}.
   */
  static ThreadCpu start(LongSupplier serverProcessNanos) {
    return new ThreadCpu(serverProcessNanos);
  }

  private synchronized void sample() {
    for (long id : threads.getAllThreadIds()) {
      long cpu = threads.getThreadCpuTime(id);
      if (cpu < 0) continue;
      last.put(id, cpu);
      if (!names.containsKey(id)) {
        var info = threads.getThreadInfo(id);
        if (info != null) names.put(id, info.getThreadName());
      }
    }
  }

  /** Stops sampling; CPU nanoseconds per part since {@link #start()}. */
  synchronized Map<Part, Long> stop() {
    sampler.shutdownNow();
    sample();
    Map<Part, Long> byPart = new EnumMap<>(Part.class);
    for (Part p : Part.values()) byPart.put(p, 0L);
    long attributed = 0;
    for (var e : last.entrySet()) {
      long used = e.getValue() - atStart.getOrDefault(e.getKey(), 0L);
      Part part = partOf(names.getOrDefault(e.getKey(), ""));
      byPart.merge(part, used, Long::sum);
      attributed += used;
    }
    long process = os.getProcessCpuTime() - processStart;
    byPart.merge(Part.JVM, Math.max(0, process - attributed), Long::sum);
    byPart.merge(Part.TEMPORAL_SERVER, Math.max(0, serverProcessNanos.getAsLong() - serverProcessStart), Long::sum);
    return byPart;
  }

  /** Thread names seen, with their CPU since start, for the method's evidence (--threads). */
  synchronized Map<String, Long> byThreadName() {
    Map<String, Long> out = new HashMap<>();
    for (var e : last.entrySet()) {
      String name = names.getOrDefault(e.getKey(), "?").replaceAll("\\d+", "N");
      out.merge(name, e.getValue() - atStart.getOrDefault(e.getKey(), 0L), Long::sum);
    }
    return out;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
