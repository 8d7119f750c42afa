package dev.ivr.bench;

import dev.ivr.emulator.CallView;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.JournalEntry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One step of the sweep against one bot (ours or the floor): N calls raised over a ramp, parked in
 * the menu (heap measured there), then key 1 pressed on each over the same ramp; each records,
 * downloads and hangs up. Every call is then checked: ended, its recording stored with the bytes the
 * emulator generated.
 */
final class LoadStep {

  /** The bot under test. */
  interface Bot {
    String callbackUri();

    /** After the call ended: its outcome and stored recording, or why it failed. */
    Verdict verify(String callId);

    /** What one ended call's Temporal history holds (counts by kind); empty for a bot without one. */
    default Map<String, Integer> historyShape(String callId) {
      return Map.of();
    }
  }

  /**
   * How one call went.
   *
   * @param completed the bot finished the call as the flow says
   * @param stored the stored recording file, or null
   * @param storedSha256 the sha256 the bot recorded for it, or null
   * @param error why not, or null
   * @param refused the bot refused the call deliberately (Graph's reject, reason busy: admission control)
   */
  record Verdict(boolean completed, Path stored, String storedSha256, String error, boolean refused) {
    Verdict(boolean completed, Path stored, String storedSha256, String error) {
      this(completed, stored, storedSha256, error, false);
    }
  }

  /** What the step is: calls, ramp rate, record length, overall time limit. */
  record Plan(int calls, double callsPerSecond, int recordSeconds, Duration timeout, boolean sampleHeapWhileRunning) {}

  private final GraphEmulator emulator;
  private final Plan plan;
  private final java.util.function.LongSupplier serverProcessNanos;

  LoadStep(GraphEmulator emulator, Plan plan) {
    this(emulator, plan, () -> 0L);
  }

  /** {@code serverProcessNanos}: CPU time of the Temporal server's processes outside this JVM. */
  LoadStep(GraphEmulator emulator, Plan plan, java.util.function.LongSupplier serverProcessNanos) {
    this.emulator = emulator;
    this.plan = plan;
    this.serverProcessNanos = serverProcessNanos;
  }

  /** The remote party: silent until the bot records, then speaks past the record's max duration. */
  CallerScript caller() {
    return CallerScript.of(new CallerScript.WaitFor("recordingStarted"), new CallerScript.Speak(plan.recordSeconds() + 2.0));
  }

  Figures run(String system, Bot bot) throws InterruptedException {
    emulator.clearJournal();
    long heapBaseline = heapAfterGc() - emulator.renderedRecordingBytes();
    long deadline = System.nanoTime() + plan.timeout().toNanos();
    ThreadCpu cpu = ThreadCpu.start(serverProcessNanos);
    List<String> calls = new ArrayList<>();
    String failure = null;
    long t0 = System.nanoTime();
    for (int i = 0; i < plan.calls(); i++) {
      pace(t0, i);
      calls.add(emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withScript(caller())));
    }
    Set<String> waiting = new LinkedHashSet<>(calls);
    while (!waiting.isEmpty() && System.nanoTime() < deadline) {
      waiting.removeIf(id -> parked(emulator.call(id)) || emulator.call(id).ended());
      if (!waiting.isEmpty()) Thread.sleep(50);
    }
    long rampNanos = System.nanoTime() - t0;
    // the explicit GCs' CPU lands in ThreadCpu.Part.JVM, not in any part of the system
    long heapParked = heapAfterGc() - emulator.renderedRecordingBytes();
    HeapSampler sampler = plan.sampleHeapWhileRunning() ? HeapSampler.start(emulator) : null;
    long t1 = System.nanoTime();
    for (int i = 0; i < calls.size(); i++) {
      pace(t1, i);
      emulator.pressKeys(calls.get(i), "1");
    }
    waiting = new LinkedHashSet<>(calls);
    while (!waiting.isEmpty() && System.nanoTime() < deadline) {
      waiting.removeIf(id -> emulator.call(id).ended());
      if (!waiting.isEmpty()) Thread.sleep(50);
    }
    long runNanos = System.nanoTime() - t1;
    long streamingPeak = sampler == null ? -1 : sampler.stop() - heapBaseline;
    Map<ThreadCpu.Part, Long> cpuByPart = cpu.stop();
    Map<String, Long> cpuByThread = cpu.byThreadName();

    int failed = 0;
    int refused = 0;
    int lost = 0;
    List<Double> availableToStored = new ArrayList<>();
    Map<String, Integer> errors = new HashMap<>();
    for (String id : calls) {
      CallView view = emulator.call(id);
      Verdict v = view.ended() ? bot.verify(id) : new Verdict(false, null, null, "did not end within the step's timeout");
      boolean generated = !view.recordings().isEmpty();
      boolean intact = generated && v.stored() != null && intact(view, v);
      if (v.refused() && !generated) {
        refused++;
        continue;
      }
      if (!v.completed() || !intact) failed++;
      if (generated && !intact) lost++;
      if (v.error() != null) {
        String why = v.error().length() > 160 ? v.error().substring(0, 160) : v.error();
        errors.merge(why + " (Graph call ended " + view.endCode() + "/" + view.endSubcode() + " " + view.endMessage()
            + ", tones " + view.tones().size() + ", ops " + view.operations().stream().map(o -> o.type() + ":" + o.status())
            .toList() + ")", 1, Integer::sum);
      }
      if (intact) availableToStored.add(availableToStoredMillis(id, v.stored()));
    }
    Map<String, Integer> history = Map.of();
    try {
      history = bot.historyShape(calls.get(calls.size() - 1));
    } catch (RuntimeException e) {
      errors.merge("history not read: " + e.getMessage(), 1, Integer::sum);
    }
    if (!errors.isEmpty()) failure = errors.toString();
    List<Double> turnarounds = emulator.turnarounds().stream().map(d -> d.toNanos() / 1e6).toList();
    return new Figures(system, plan.calls(), failed, refused, lost,
        plan.calls() / ((rampNanos + runNanos) / 1e9),
        Percentiles.of(turnarounds), turnaroundsByRequest(emulator.journal()), Percentiles.of(availableToStored),
        cpuByPart, cpuByThread, (heapParked - heapBaseline) / (double) plan.calls(), streamingPeak, failure, history);
  }

  /**
   * The emulator's turnarounds (as {@link GraphEmulator#turnarounds()} computes them: each request
   * since the latest notification of its call, each notification counted once), by request kind.
   */
  static Map<String, Percentiles> turnaroundsByRequest(List<JournalEntry> journal) {
    List<JournalEntry> all = new ArrayList<>(journal);
    all.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos()));
    Map<String, JournalEntry> lastNotification = new HashMap<>();
    Map<String, List<Double>> byKind = new java.util.TreeMap<>();
    for (JournalEntry e : all) {
      if (e.callId() == null) continue;
      if (!e.isRequest()) {
        lastNotification.put(e.callId(), e);
      } else {
        JournalEntry n = lastNotification.remove(e.callId());
        if (n != null) {
          byKind.computeIfAbsent(kind(e), k -> new ArrayList<>()).add((e.startNanos() - n.startNanos()) / 1e6);
        }
      }
    }
    Map<String, Percentiles> out = new java.util.LinkedHashMap<>();
    byKind.forEach((k, v) -> out.put(k, Percentiles.of(v)));
    return out;
  }

  private static String kind(JournalEntry request) {
    String path = request.path();
    if (path.startsWith("/recordings/")) return "GET recording";
    if (request.method().equals("DELETE")) return "DELETE call";
    int slash = path.lastIndexOf('/');
    return request.method() + " " + path.substring(slash + 1);
  }

  private void pace(long start, int i) throws InterruptedException {
    long due = start + (long) (i * 1e9 / plan.callsPerSecond());
    long wait = due - System.nanoTime();
    if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
  }

  /** Tones are subscribed and the menu's greeting has finished: the call waits for a key. */
  static boolean parked(CallView call) {
    return call.toneSubscribed() && call.operations().stream()
        .anyMatch(o -> o.type().equals("playPrompt") && o.status().equals("completed"));
  }

  private boolean intact(CallView view, Verdict v) {
    try {
      byte[] generated = emulator.recordingBytes(view.id(), view.recordings().get(0).operationId());
      String expected = HexFormat.of().formatHex(Floor.sha256().digest(generated));
      return expected.equals(sha256(v.stored())) && (v.storedSha256() == null || expected.equals(v.storedSha256()));
    } catch (IOException e) {
      return false;
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest sha = Floor.sha256();
    byte[] buffer = new byte[65_536];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) sha.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** From the record operation's completion notification (the emulator's clock) to the file's mtime. */
  private double availableToStoredMillis(String callId, Path stored) {
    Instant available = null;
    for (JournalEntry e : emulator.journal(callId)) {
      if (!e.isRequest() && e.body() != null && e.body().contains("\"recordingLocation\":\"http")) {
        available = e.at();
        break;
      }
    }
    try {
      Instant done = Files.getLastModifiedTime(stored).toInstant();
      return available == null ? Double.NaN : Duration.between(available, done).toNanos() / 1e6;
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  static long heapAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 2; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** During downloads: the heap after a GC every 500 ms, minus the emulator's rendered recordings; the peak. */
  static final class HeapSampler {
    private final Thread thread;
    private final AtomicLong peak = new AtomicLong(Long.MIN_VALUE);
    private volatile boolean running = true;

    private HeapSampler(GraphEmulator emulator) {
      var memory = ManagementFactory.getMemoryMXBean();
      thread = new Thread(() -> {
        while (running) {
          System.gc();
          long used = memory.getHeapMemoryUsage().getUsed() - emulator.renderedRecordingBytes();
          peak.accumulateAndGet(used, Math::max);
          try {
            Thread.sleep(500);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "bench-heap-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    static HeapSampler start(GraphEmulator emulator) {
      return new HeapSampler(emulator);
    }

    long stop() throws InterruptedException {
      running = false;
      thread.interrupt();
      thread.join();
      return peak.get();
    }
  }
}
