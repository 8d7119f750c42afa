package dev.ivr.launcher.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallView;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.JournalEntry;
import dev.ivr.recordings.RecordingStore;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.call.StepTaken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Calls over real sockets (emulator → api webhook → Temporal test server → worker → emulator) with
 * the emulator's fault injection, one fault per test, each on its own call: the call completes as
 * if nothing had happened, or takes the path documented for that fault. Time runs {@value #SCALE}
 * times faster in the emulator and in the workflow's timers. The calls run concurrently.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Execution(ExecutionMode.CONCURRENT) // each test is its own call: they run side by side
class FaultInjectionTest {
  private static final double SCALE = 6.0;
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
  private static final CallerScript CALLER = CallerScript.of(
      new CallerScript.WaitFor("beep"), new CallerScript.Wait(1.0), new CallerScript.Speak(3.0));
  private static final List<String> VOICEMAIL_PATH = List.of("answer", "greeting", "record", "goodbye", "end");
  private static final Figures figures = new Figures("fault-injection");
  private static final FlakyStore flaky = new FlakyStore();

  private static ReliabilityHarness system;
  private static ReliabilityHarness.Api api;

  @BeforeAll
  static void start() throws IOException {
    // Graph's 15 s answer deadline would be 2.5 s at this scale: too tight for a retried answer of 13
    // calls raised at once in a cold JVM on a loaded machine (the deadline itself is not under test here)
    system = ReliabilityHarness.start(SCALE, config -> config.withAnswerDeadlineSeconds(120));
    api = system.startApi(null);
    system.startInJvmWorker(store -> flaky.wrapping(store));
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
    figures.print();
  }

  @Test
  void duplicateNotifications_sameMessageId_areIdempotent() throws Exception {
    Call call = call(FaultPlan.builder().duplicateProbability(1.0).build(), 1);
    assertCompletedWithRecording(call);
    Map<String, Long> byMessageId = notifications(call.id()).stream()
        .collect(Collectors.groupingBy(JournalEntry::messageId, Collectors.counting()));
    assertThat(byMessageId.values()).as("every notification POSTed twice with its Message-ID").allMatch(n -> n >= 2);
  }

  @Test
  void outOfOrderNotifications_establishedBeforeEstablishing_andTwice() throws Exception {
    Call call = call(FaultPlan.builder().establishedBeforeEstablishing(true).establishedTwice(true).build(), 2);
    assertCompletedWithRecording(call);
    List<String> callStates = notifications(call.id()).stream().map(JournalEntry::body)
        .filter(b -> b.contains("\"establish")).map(b -> b.contains("\"established\"") ? "established" : "establishing")
        .toList();
    assertThat(callStates).as("the order Graph sent").startsWith("established").contains("establishing");
  }

  @Test
  void earlyNotifications_completionBeforeThePostResponse() throws Exception {
    assertCompletedWithRecording(call(FaultPlan.builder().completionBeforeResponse(true).build(), 1));
  }

  @Test
  void lateNotifications_everyOneDelayed() throws Exception {
    assertCompletedWithRecording(call(FaultPlan.builder().delay(1.0, 4).build(), 1));
  }

  @Test
  void graphWireQuirks_pascalCaseEnums_stringNumbers_batches_squashedIds() throws Exception {
    assertCompletedWithRecording(call(FaultPlan.builder().pascalCaseEnums(true).resultInfoAsStrings(true)
        .batchNotifications(true).squashedResourceUrlIds(true).omitResourceDataId(true).build(), 5));
  }

  /** Every notification but {@code created} is dropped: the bounded wait for established ends in a clean hang-up. */
  @Test
  void droppedNotifications_boundedWait_thenCleanHangUp() throws Exception {
    Call call = call(FaultPlan.builder().dropProbability(1.0).build(), 1);
    assertThat(call.result().outcome()).isEqualTo(CallOutcome.TIMED_OUT);
    assertThat(call.result().path()).extracting(StepTaken::nodeId, StepTaken::outcome)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("answer", "timeout"));
    assertThat(requests(call.id())).as("the bot hung up").anyMatch(e -> e.method().equals("DELETE"));
    assertThat(system.emulator().awaitCallEnded(call.id(), Duration.ofSeconds(10))).isTrue();
    figures.callCorrect(0, 0, 0);
  }

  /** Graph sends no record completion when the caller hangs up mid-record, and keeps the recording. */
  @Test
  void callerHangsUpMidRecord_noCompletion_callFinalised() throws Exception {
    Call call = call(FaultPlan.none(), 0, CallerScript.of(new CallerScript.WaitFor("beep"),
        new CallerScript.Speak(2.0), new CallerScript.Hangup()), null);
    assertThat(call.result().outcome()).isEqualTo(CallOutcome.CALLER_HUNG_UP);
    assertThat(call.result().path()).extracting(StepTaken::nodeId).containsExactly("answer", "greeting", "record");
    assertThat(call.result().path().get(2).outcome()).isEqualTo("hungUp");
    assertThat(call.result().recordings()).isEmpty();
    figures.callCorrect(0, 0, 1);
  }

  @Test
  void throttled429_retryAfterIsHonoured() throws Exception {
    Call call = call(FaultPlan.builder()
        .graphError(new FaultPlan.GraphError(429, "playPrompt", 1, 0, 2.5)).build(), 1);
    assertCompletedWithRecording(call);
    List<JournalEntry> prompts = requests(call.id()).stream().filter(e -> e.path().endsWith("/playPrompt")).toList();
    assertThat(prompts).extracting(JournalEntry::status).startsWith(429, 200);
    long gapNanos = prompts.get(1).startNanos() - prompts.get(0).endNanos();
    assertThat(gapNanos).as("the retry came after Retry-After: 2.5 s").isGreaterThanOrEqualTo(2_500_000_000L);
  }

  @Test
  void serverErrors5xx_retriedWithBackoff() throws Exception {
    Call call = call(FaultPlan.builder()
        .graphError(FaultPlan.GraphError.of(500, "playPrompt", 2))
        .graphError(FaultPlan.GraphError.of(503, "recordResponse", 1))
        .graphError(FaultPlan.GraphError.of(502, "answer", 1)).build(), 4);
    assertCompletedWithRecording(call);
    List<JournalEntry> prompts = requests(call.id()).stream().filter(e -> e.path().endsWith("/playPrompt")).toList();
    assertThat(prompts).extracting(JournalEntry::status).startsWith(500, 500, 200);
    long first = prompts.get(1).startNanos() - prompts.get(0).endNanos();
    long second = prompts.get(2).startNanos() - prompts.get(1).endNanos();
    // Temporal's retry policy for Graph: 200 ms, then twice as long
    assertThat(first).isGreaterThanOrEqualTo(150_000_000L);
    assertThat(second).isGreaterThanOrEqualTo(350_000_000L);
    assertThat(requests(call.id()).stream().filter(e -> e.path().endsWith("/recordResponse")))
        .extracting(JournalEntry::status).startsWith(503, 200);
  }

  /** The download is cut three times mid-stream (the store's write fails); the next attempts resume and store it. */
  @Test
  void recordingDownload_failsThreeTimes_thenSucceeds() throws Exception {
    Call call = call(FaultPlan.none(), 3, CALLER, null, id -> flaky.failNextWrites(CallIds.workflowId(id), 3));
    assertCompletedWithRecording(call);
    assertThat(flaky.attempts(CallIds.workflowId(call.id()))).isEqualTo(4);
    assertThat(requests(call.id()).stream().filter(e -> e.path().startsWith("/recordings/")).count())
        .isGreaterThanOrEqualTo(4);
  }

  /** Graph's recordingLocation answers 503 three times, then serves the WAV: retried with backoff, stored once. */
  @Test
  void recordingDownload_graphAnswers503ThreeTimes_thenSucceeds() throws Exception {
    Call call = call(FaultPlan.builder().recordingFault("failFirst:3").build(), 1);
    assertCompletedWithRecording(call);
    List<JournalEntry> downloads = requests(call.id()).stream().filter(e -> e.path().startsWith("/recordings/")).toList();
    assertThat(downloads).extracting(JournalEntry::status).containsExactly(503, 503, 503, 200);
    // the download's retry policy: 1 s, then twice as long each time
    for (int i = 1; i < 3; i++) {
      long gap = downloads.get(i + 1).startNanos() - downloads.get(i).endNanos();
      long before = downloads.get(i).startNanos() - downloads.get(i - 1).endNanos();
      assertThat(gap).as("retry %d waits longer than retry %d", i + 1, i).isGreaterThan(before);
    }
    assertThat(downloads.get(1).startNanos() - downloads.get(0).endNanos()).isGreaterThanOrEqualTo(900_000_000L);
  }

  /** Graph's recordingLocation answers 404: the record node's onError path, and the call still ends well. */
  @Test
  void recordingAnswers404_takesTheRecordNodesErrorPath() throws Exception {
    Call call = call(FaultPlan.builder().recordingFault("notFound").build(), 1, CALLER,
        ReliabilityHarness.ON_ERROR_TARGET);
    assertThat(call.result().outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(call.result().path()).extracting(StepTaken::nodeId)
        .containsExactly("answer", "greeting", "record", "sorry", "end");
    assertThat(call.result().path().get(2).outcome()).isEqualTo("downloadFailed");
    assertThat(call.result().recordings()).isEmpty();
    assertThat(system.files(".part")).noneMatch(p -> p.toString().contains(CallIds.workflowId(call.id())));
    figures.callCorrect(0, 0, 1);
  }

  /**
   * Graph drops the call mid-call with 500/7106 (12 emulated seconds after it rang: after it was
   * answered, wherever the flow is by then): the workflow finalises it and completes.
   */
  @Test
  void midCallServerDrop_500_7106_callFinalised() throws Exception {
    Call call = call(FaultPlan.builder().dropCall(12, 500, 7106).build(), 1);
    CallView view = system.emulator().call(call.id());
    assertThat(view.endCode()).isEqualTo(500);
    assertThat(view.endSubcode()).isEqualTo(7106);
    assertThat(call.result().outcome()).isEqualTo(CallOutcome.CALLER_HUNG_UP);
    assertThat(call.result().path().get(0).nodeId()).isEqualTo("answer");
    assertThat(call.result().path().get(0).outcome()).as("answered before the drop").isEqualTo("established");
    assertThat(call.result().recordings()).isEmpty();
    figures.callCorrect(0, 0, view.recordings().isEmpty() ? 0 : 1);
  }

  // --- helpers ---

  private record Call(String id, CallResult result) {}

  private static Call call(FaultPlan faults, int faultCount) throws Exception {
    return call(faults, faultCount, CALLER, null);
  }

  private static Call call(FaultPlan faults, int faultCount, CallerScript caller, String target) throws Exception {
    return call(faults, faultCount, caller, target, id -> { });
  }

  private static Call call(FaultPlan faults, int faultCount, CallerScript caller, String target,
      java.util.function.Consumer<String> afterRaise) throws Exception {
    IncomingCallSpec spec = IncomingCallSpec.to(api.callbackUri()).withScript(caller).withFaults(faults);
    if (target != null) {
      spec = spec.withTarget(target);
    }
    figures.callRaised(faultCount);
    String callId = system.raise(spec);
    afterRaise.accept(callId);
    CallResult result = system.awaitResult(callId, CALL_TIMEOUT);
    system.emulator().awaitCallEnded(callId, Duration.ofSeconds(10));
    return new Call(callId, result);
  }

  private static void assertCompletedWithRecording(Call call) throws IOException {
    CallResult result = call.result();
    CallView graph = system.emulator().call(call.id());
    assertThat(result.outcome()).as("outcome; path %s; Graph ended the call with %s/%s %s", result.path(),
        graph.endCode(), graph.endSubcode(), graph.endMessage()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(result.path()).extracting(StepTaken::nodeId).containsExactlyElementsOf(VOICEMAIL_PATH);
    assertThat(result.recordings()).hasSize(1);
    RecordingStored recording = result.recordings().get(0);
    byte[] generated = system.emulator().recordingBytes(call.id(), recording.operationId());
    assertThat(Files.readAllBytes(Path.of(recording.location()))).isEqualTo(generated);
    assertThat(system.emulator().call(call.id()).ended()).isTrue();
    figures.callCorrect(1, 1, 0);
  }

  private static List<JournalEntry> notifications(String callId) {
    return system.emulator().journal(callId).stream().filter(JournalEntry::isNotification).toList();
  }

  private static List<JournalEntry> requests(String callId) {
    return system.emulator().journal(callId).stream().filter(JournalEntry::isRequest).toList();
  }

  /**
   * A recording store whose writes fail, for the workflows it is told about, after the first 64 KiB
   * of an attempt: an I/O failure in the middle of the download, as a reset connection gives.
   */
  static final class FlakyStore {
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    void failNextWrites(String workflowId, int times) {
      failuresLeft.put(workflowId, new AtomicInteger(times));
    }

    int attempts(String workflowId) {
      return attempts.getOrDefault(workflowId, new AtomicInteger()).get();
    }

    RecordingStore wrapping(RecordingStore store) {
      return new RecordingStore() {
        @Override
        public Optional<StoredRecording> find(String recordingId) throws IOException {
          return store.find(recordingId);
        }

        @Override
        public Sink open(String recordingId) throws IOException {
          String workflowId = recordingId.substring(0, recordingId.indexOf('/'));
          attempts.computeIfAbsent(workflowId, k -> new AtomicInteger()).incrementAndGet();
          AtomicInteger left = failuresLeft.get(workflowId);
          Sink sink = store.open(recordingId);
          if (left == null || left.get() <= 0) {
            return sink;
          }
          return new CutSink(sink, left);
        }

        @Override
        public void delete(String recordingId) throws IOException {
          store.delete(recordingId);
        }

        @Override
        public Optional<StoredRecording> findByLocation(String location) throws IOException {
          return store.findByLocation(location);
        }

        @Override
        public Optional<java.time.Duration> retention() {
          return store.retention();
        }

        @Override
        public int deleteExpired() throws IOException {
          return store.deleteExpired();
        }
      };
    }

    private record CutSink(RecordingStore.Sink sink, AtomicInteger left, AtomicInteger written)
        implements RecordingStore.Sink {
      CutSink(RecordingStore.Sink sink, AtomicInteger left) {
        this(sink, left, new AtomicInteger());
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        if (written.get() >= 64 * 1024 && left.getAndDecrement() > 0) {
          throw new IOException("injected: connection reset mid-download");
        }
        sink.write(bytes, offset, length);
        written.addAndGet(length);
      }

      @Override
      public long size() throws IOException {
        return sink.size();
      }

      @Override
      public InputStream readExisting() throws IOException {
        return sink.readExisting();
      }

      @Override
      public void truncate(long size) throws IOException {
        sink.truncate(size);
      }

      @Override
      public String commit() throws IOException {
        return sink.commit();
      }

      @Override
      public void abort() throws IOException {
        sink.abort();
      }

      @Override
      public void close() throws IOException {
        sink.close();
      }
    }
  }
}
