package dev.ivr.launcher.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.call.StepTaken;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Processes die in the middle of calls, on the Temporal dev server: workers as separate JVMs killed
 * with SIGKILL (their sticky task queues on: the server moves their calls to the live worker), an api
 * instance stopped, Temporal down when a call arrives; and the Java test server restarted. Slow (real time, activity timeouts of
 * 20 s), so tagged {@code process-faults} and run by {@code mvn -pl launcher verify -Preliability}.
 */
@Tag("process-faults")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ProcessFaultsTest {
  private static final double SCALE = 1.0;
  private static final CallerScript CALLER = CallerScript.of(
      new CallerScript.WaitFor("beep"), new CallerScript.Wait(1.0), new CallerScript.Speak(3.0));
  private static final List<String> VOICEMAIL_PATH = List.of("answer", "greeting", "record", "goodbye", "end");
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(150);
  private static final Figures workerKill = new Figures("process-faults/worker-sigkill");
  private static final Figures sharedLoad = new Figures("process-faults/two-workers-two-apis");
  private static final Figures temporalRestart = new Figures("process-faults/temporal-restart");
  private static final Figures durableHandOff = new Figures("process-faults/durable-hand-off");

  @AfterAll
  static void summary() {
    workerKill.print();
    sharedLoad.print();
    temporalRestart.print();
    durableHandOff.print();
  }

  /** N concurrent calls; the only worker (its own JVM) is SIGKILLed mid-calls and restarted. */
  @Test
  void workerKilledWithSigkillMidCalls_restarted_everyCallCompletes_everyRecordingStoredOnce() throws Exception {
    int calls = 6;
    try (ReliabilityHarness system = ReliabilityHarness.start(SCALE, c -> c)) {
      ReliabilityHarness.Api api = system.startApi(null);
      WorkerProcess worker = system.startWorkerProcess("worker-a");
      List<String> ids = raise(system, workerKill, calls, i -> api.callbackUri());
      awaitRecordRequests(system, ids, calls / 2);
      long pid = worker.pid();
      int exit = worker.kill();
      assertThat(exit).as("pid %d ended by SIGKILL (128 + 9)", pid).isEqualTo(WorkerProcess.SIGKILL_EXIT);
      assertThat(ProcessHandle.of(pid)).isEmpty();
      System.out.printf("RELIABILITY worker pid %d SIGKILLed (exit %d) with %d calls in flight%n", pid, exit,
          inFlight(system, ids));
      system.startWorkerProcess("worker-a-restarted");
      assertEveryCallCompletedAndStoredOnce(system, ids, workerKill);
    }
  }

  /**
   * Two workers (JVMs) and two api instances behind one public address share the calls; one worker
   * is SIGKILLed and one api stopped mid-calls. Graph posts each call's {@code created} to either api
   * directly; later notifications go to the public address, which fails over to the live api.
   */
  @Test
  void twoWorkersTwoApis_oneOfEachKilled_everyCallCompletes() throws Exception {
    int calls = 8;
    try (ReliabilityHarness system = ReliabilityHarness.start(SCALE, c -> c);
        LoadBalancer balancer = new LoadBalancer()) {
      ReliabilityHarness.Api api1 = system.startApi(balancer.baseUrl());
      ReliabilityHarness.Api api2 = system.startApi(balancer.baseUrl());
      balancer.addBackend(api1.baseUrl());
      balancer.addBackend(api2.baseUrl());
      WorkerProcess worker1 = system.startWorkerProcess("worker-1");
      system.startWorkerProcess("worker-2");
      List<ReliabilityHarness.Api> apis = List.of(api1, api2);
      List<String> ids = raise(system, sharedLoad, calls, i -> apis.get(i % 2).callbackUri());
      awaitRecordRequests(system, ids, calls / 2);
      int exit = worker1.kill();
      assertThat(exit).isEqualTo(WorkerProcess.SIGKILL_EXIT);
      api1.close();
      System.out.printf("RELIABILITY worker-1 SIGKILLed (exit %d) and api-1 stopped with %d calls in flight%n",
          exit, inFlight(system, ids));
      assertEveryCallCompletedAndStoredOnce(system, ids, sharedLoad);
      System.out.printf("RELIABILITY load balancer failovers to the live api: %d%n", balancer.failovers.get());
    }
  }

  /**
   * The Java test server, the fallback, keeps workflows in memory: restarting it loses every call in
   * flight. (The dev server, the default, and a cluster persist histories; DevServerDurabilityTest and
   * RELIABILITY.md.) New calls work again.
   */
  @Test
  void testServerRestart_losesItsCallsInFlight() throws Exception {
    try (ReliabilityHarness system = ReliabilityHarness.start(SCALE, c -> c, true)) {
      ReliabilityHarness.Api api = system.startApi(null);
      system.startInJvmWorker(store -> store);
      List<String> ids = raise(system, temporalRestart, 2, i -> api.callbackUri());
      for (String id : ids) {
        awaitRunning(system, CallIds.workflowId(id));
      }
      system.stopTemporal();
      system.startTemporal();
      for (String id : ids) {
        assertThatThrownBy(() -> describe(system, CallIds.workflowId(id)))
            .as("workflow of call %s after the restart", id)
            .isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
      }
      System.out.printf("RELIABILITY temporal test server restarted: %d of %d calls in flight lost%n", ids.size(),
          ids.size());
      // a lost call is "correct" here in the sense this test documents: it is gone, and Graph still has it
      for (String id : ids) {
        assertThat(system.emulator().call(id).ended()).as("Graph keeps the call up").isFalse();
        system.emulator().hangUp(id);
      }
      // the restarted server, worker and api take new calls
      String after = system.raise(IncomingCallSpec.to(api.callbackUri()).withScript(CALLER));
      temporalRestart.callRaised(0);
      CallResult result = system.awaitResult(after, CALL_TIMEOUT);
      assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
      temporalRestart.callCorrect(1, 1, 0);
    }
  }

  /**
   * Durable hand-off: while Temporal is down the webhook answers 503 to Graph's {@code created}; Graph
   * redelivers it (same Message-ID) and, once Temporal is back, the call starts and completes.
   */
  @Test
  void durableHandOff_temporalDown_webhookAnswers503_redeliveryStartsTheCall() throws Exception {
    try (ReliabilityHarness system = ReliabilityHarness.start(SCALE, c -> c.withNotificationRetries(30))) {
      ReliabilityHarness.Api api = system.startApi(null);
      system.startInJvmWorker(store -> store);
      system.stopTemporal();
      String id = system.raise(IncomingCallSpec.to(api.callbackUri()).withScript(CALLER));
      durableHandOff.callRaised(1);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (system.emulator().journal(id).stream().noneMatch(e -> e.isNotification() && e.status() == 503)) {
        assertThat(System.nanoTime()).as("a 503 from the webhook").isLessThan(deadline);
        ReliabilityHarness.sleep(50);
      }
      system.startTemporal();
      CallResult result = system.awaitResult(id, CALL_TIMEOUT);
      assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
      assertThat(result.path()).extracting(StepTaken::nodeId).containsExactlyElementsOf(VOICEMAIL_PATH);
      List<dev.ivr.emulator.JournalEntry> created = system.emulator().journal(id).stream()
          .filter(e -> e.isNotification() && e.body().contains("\"created\"")).toList();
      assertThat(created).extracting(dev.ivr.emulator.JournalEntry::status).contains(503).endsWith(202);
      assertThat(created).extracting(dev.ivr.emulator.JournalEntry::messageId).containsOnly(created.get(0).messageId());
      RecordingStored recording = result.recordings().get(0);
      assertThat(Files.readAllBytes(Path.of(recording.location())))
          .isEqualTo(system.emulator().recordingBytes(id, recording.operationId()));
      durableHandOff.callCorrect(1, 1, 0);
      System.out.printf("RELIABILITY durable hand-off: created answered %s, then accepted%n",
          created.stream().map(e -> String.valueOf(e.status())).toList());
    }
  }

  // --- helpers ---

  private static List<String> raise(ReliabilityHarness system, Figures figures, int calls,
      java.util.function.IntFunction<String> callbackUri) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      ids.add(system.raise(IncomingCallSpec.to(callbackUri.apply(i)).withScript(CALLER)));
      figures.callRaised(1); // one process fault spans all the calls it hits
    }
    return ids;
  }

  /** Waits until at least {@code count} of the calls have had their recordResponse posted. */
  private static void awaitRecordRequests(ReliabilityHarness system, List<String> ids, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      long recording = ids.stream().filter(id -> system.emulator().journal(id).stream()
          .anyMatch(e -> e.isRequest() && e.path().endsWith("/recordResponse") && e.status() == 200)).count();
      if (recording >= count) {
        return;
      }
      ReliabilityHarness.sleep(100);
    }
    throw new AssertionError("the calls never reached their record step");
  }

  private static long inFlight(ReliabilityHarness system, List<String> ids) {
    return ids.stream().filter(id -> !system.emulator().call(id).ended()).count();
  }

  private static void assertEveryCallCompletedAndStoredOnce(ReliabilityHarness system, List<String> ids,
      Figures figures) throws Exception {
    Set<String> locations = new HashSet<>();
    for (String id : ids) {
      CallResult result;
      try {
        result = system.awaitResult(id, CALL_TIMEOUT);
      } catch (java.util.concurrent.TimeoutException e) {
        system.printWorkerLogTails();
        throw e;
      }
      assertThat(result.outcome()).as("call %s: %s", id, result.path()).isEqualTo(CallOutcome.COMPLETED);
      assertThat(result.path()).extracting(StepTaken::nodeId).containsExactlyElementsOf(VOICEMAIL_PATH);
      assertThat(result.recordings()).hasSize(1);
      RecordingStored recording = result.recordings().get(0);
      assertThat(Files.readAllBytes(Path.of(recording.location())))
          .isEqualTo(system.emulator().recordingBytes(id, recording.operationId()));
      locations.add(recording.location());
      figures.callCorrect(1, 1, 0);
    }
    List<Path> files = system.recordingFiles();
    assertThat(files).as("one file per recording, none twice").hasSize(ids.size());
    assertThat(files.stream().map(Path::toString).toList()).containsExactlyInAnyOrderElementsOf(locations);
    assertThat(system.files(".part")).as("no partial file left").isEmpty();
    long graphRecordings = ids.stream().mapToLong(id -> system.emulator().call(id).recordings().size()).sum();
    assertThat(graphRecordings).as("recordings Graph made").isEqualTo(ids.size());
  }

  private static void awaitRunning(ReliabilityHarness system, String workflowId) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        if (describe(system, workflowId) == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
          return;
        }
      } catch (StatusRuntimeException notYet) {
        // the api has not started it yet
      }
      ReliabilityHarness.sleep(50);
    }
    throw new AssertionError("workflow " + workflowId + " never ran");
  }

  private static WorkflowExecutionStatus describe(ReliabilityHarness system, String workflowId) {
    return system.client().getWorkflowServiceStubs().blockingStub()
        .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace("default")
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
            .build())
        .getWorkflowExecutionInfo().getStatus();
  }
}
