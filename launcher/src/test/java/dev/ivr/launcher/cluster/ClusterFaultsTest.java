package dev.ivr.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.embedded.temporal.ServerMetrics;
import dev.ivr.launcher.reliability.Figures;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.StepTaken;
import dev.ivr.workflows.event.RecordingStored;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The production-shaped cluster of {@code deploy/cluster.sh} (PostgreSQL, the four Temporal services
 * as separate processes, two worker JVMs, two api JVMs behind HAProxy, the emulator as a process of
 * its own), with a service killed while calls are in flight. In turn: history, matching and frontend
 * are SIGKILLed and started again {@link #DOWN} later, as a supervisor with a restart delay would;
 * PostgreSQL is shut down immediately (a crash: no checkpoint) and started again {@link #DOWN} later;
 * one worker and one api are SIGKILLed and stay down. Every call must complete with its full path, and
 * every recording must equal the emulator's bytes. Each round prints {@code RELIABILITY cluster/...}
 * lines: the outage, and how long calls waited on the bot (see {@link Turnarounds}).
 *
 * <p>Slow (a cluster start, then six rounds of real-time calls), so tagged {@code cluster} and run by
 * {@code mvn -B -o -pl launcher verify -Pcluster}.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ClusterFaultsTest {
  private static final int CALLS = 6;
  /** Calls placed before the first round, not counted. */
  private static final int WARM_UP_CALLS = 2;
  private static final String EAGER_COUNTER = "activity_eager_execution";
  private static final List<String> VOICEMAIL_PATH = List.of("answer", "greeting", "record", "goodbye", "end");
  private static final Duration CALL_TIMEOUT = Duration.ofMinutes(4);
  /** How long a killed Temporal service or PostgreSQL stays down: longer than any media step of the
   * calls (the greeting plays 7.7 s), so that every call in flight needs the service during the outage. */
  private static final Duration DOWN = Duration.ofSeconds(10);
  private static final Path STATE = Path.of("launcher", "target", "cluster");
  private static final List<String> summaries = new ArrayList<>();

  private static Cluster cluster;
  private static EmulatorAdmin graph;
  private static WorkflowServiceStubs service;
  private static WorkflowClient client;
  /** The no-fault round's longest wait for the bot, and its longest call. */
  private static Duration baselineWait = Duration.ZERO;
  private static Duration baselineCall = Duration.ZERO;

  @BeforeAll
  static void startCluster() throws Exception {
    long started = System.nanoTime();
    cluster = Cluster.start(STATE, Duration.ofMinutes(30));
    summaries.add(String.format("RELIABILITY cluster: started in %.1f s (deploy/cluster.sh start, state %s)",
        seconds(System.nanoTime() - started), STATE));
    graph = new EmulatorAdmin(cluster.env("IVR_EMULATOR_URL"));
    service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(cluster.env("TEMPORAL_ADDRESS")).build());
    // the cluster's workers and apis encrypt payloads: this client reads results with the same key file
    client = WorkflowClient.newInstance(service, dev.ivr.worker.CallWorker.clientOptions(
        cluster.env("TEMPORAL_NAMESPACE"), dev.ivr.codec.PayloadKeys.of(null, cluster.env("IVR_PAYLOAD_KEYS_FILE"))));
    // calls first, not counted: the first calls of fresh JVMs are slow (class loading, JIT, the
    // first token), which is no fault's doing
    List<String> warmUp = new ArrayList<>();
    for (int i = 0; i < WARM_UP_CALLS; i++) {
      warmUp.add(graph.raiseCall(cluster.env("IVR_CALLBACK_URI")));
    }
    assertEveryCallCompletedWithItsRecording(warmUp, new Figures("cluster/warm-up"));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    summaries.forEach(System.out::println);
    if (service != null) {
      service.shutdownNow();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void noFault_everyCallCompletes_theBaseline() throws Exception {
    round("no-fault", null);

    // eager activity dispatch (deploy/temporal/dynamicconfig/ivr.yaml): history hands each call's download
    // to the worker in the answer to the workflow task that scheduled it, and counts it
    String url = cluster.env("TEMPORAL_HISTORY_METRICS_URL");
    String metrics = ServerMetrics.awaitCounter(url, EAGER_COUNTER, CALLS, Duration.ofSeconds(30));
    double eager = ServerMetrics.sum(metrics, EAGER_COUNTER);
    summaries.add(String.format("RELIABILITY cluster: history dispatched %.0f downloads eagerly (%d calls so far)",
        eager, CALLS + WARM_UP_CALLS));
    assertThat(eager).as(EAGER_COUNTER + " on " + url).isGreaterThanOrEqualTo(CALLS);
  }

  @Test
  @Order(2)
  void historySigkilledAndRestarted_everyCallCompletes() throws Exception {
    round("history-sigkill", () -> killAndRestart("temporal-history"));
  }

  @Test
  @Order(3)
  void matchingSigkilledAndRestarted_everyCallCompletes() throws Exception {
    round("matching-sigkill", () -> killAndRestart("temporal-matching"));
  }

  @Test
  @Order(4)
  void frontendSigkilledAndRestarted_everyCallCompletes() throws Exception {
    round("frontend-sigkill", () -> killAndRestart("temporal-frontend"));
  }

  @Test
  @Order(5)
  void postgresCrashedAndRestarted_everyCallCompletes() throws Exception {
    round("postgres-restart", () -> killAndRestart("postgres"));
  }

  @Test
  @Order(6)
  void oneWorkerAndOneApiSigkilled_everyCallCompletes() throws Exception {
    try {
      round("worker-and-api-sigkill", () -> {
        Instant from = Instant.now();
        long worker = cluster.kill("worker-1");
        long api = cluster.kill("api-1");
        return new Outage("worker-1 (pid " + worker + ") and api-1 (pid " + api + ") SIGKILLed, left down",
            from, null);
      });
    } finally {
      // the cluster whole again: a JVM started alone by the script
      cluster.startService("worker-1");
      cluster.startService("api-1");
    }
  }

  /** A fault: does it and says what it did. */
  interface Fault {
    Outage inject() throws Exception;
  }

  /** What a fault did, from the kill to the moment the service served again ({@code to} null: left down). */
  record Outage(String what, Instant from, Instant to) {}

  private static Outage killAndRestart(String service) throws Exception {
    Instant from = Instant.now();
    long pid = cluster.kill(service);
    Thread.sleep(DOWN.toMillis());
    long restarted = cluster.startService(service);
    Instant to = Instant.now();
    return new Outage(String.format("%s (pid %d) %s, started again after %d s, serving as pid %d", service, pid,
        service.equals("postgres") ? "shut down immediately" : "SIGKILLed", DOWN.toSeconds(), restarted), from, to);
  }

  /**
   * Raises {@link #CALLS} calls one second apart, injects the fault once every call is answered and
   * half of them record, then checks every call and prints the round's figures.
   */
  private static void round(String name, Fault fault) throws Exception {
    Figures figures = new Figures("cluster/" + name);
    String callback = cluster.env("IVR_CALLBACK_URI");
    List<String> ids = new ArrayList<>();
    try {
      for (int i = 0; i < CALLS; i++) {
        ids.add(graph.raiseCall(callback));
        figures.callRaised(fault == null ? 0 : 1);
        Thread.sleep(1000);
      }
      awaitInFlight(ids);
      long inFlight = 0;
      for (String id : ids) {
        inFlight += graph.call(id).path("state").asText().equals("terminated") ? 0 : 1;
      }
      Outage outage = fault == null ? null : fault.inject();
      assertEveryCallCompletedWithItsRecording(ids, figures);

      Duration longestWait = Duration.ZERO;
      Duration longestCall = Duration.ZERO;
      int stalled = 0;
      for (String id : ids) {
        List<JournalRow> journal = graph.journal(id);
        Duration wait = Turnarounds.longest(Turnarounds.of(journal));
        longestWait = max(longestWait, wait);
        longestCall = max(longestCall, Duration.between(journal.get(0).at(), journal.get(journal.size() - 1).at()));
        stalled += fault != null && wait.compareTo(baselineWait) > 0 ? 1 : 0;
      }
      if (fault == null) {
        baselineWait = longestWait;
        baselineCall = longestCall;
      }
      String line = String.format("RELIABILITY cluster/%s: %s, with %d of %d calls in flight%s;"
              + " longest wait for the bot %.1f s (no fault: %.1f s), %d of %d calls waited longer than without a"
              + " fault; longest call %.1f s (no fault: %.1f s)",
          name, outage == null ? "no fault" : outage.what(), inFlight, CALLS,
          outage == null || outage.to() == null ? ""
              : String.format(" (down %.1f s)", seconds(Duration.between(outage.from(), outage.to()).toNanos())),
          seconds(longestWait.toNanos()), seconds(baselineWait.toNanos()), stalled, CALLS,
          seconds(longestCall.toNanos()), seconds(baselineCall.toNanos()));
      System.out.println(line);
      summaries.add(line);
      summaries.add(figures.line());
    } catch (Exception | AssertionError e) {
      printLogTails();
      throw e;
    }
  }

  /** Waits until every call is answered and at least half of them have posted recordResponse. */
  private static void awaitInFlight(List<String> ids) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (true) {
      int answered = 0;
      int recording = 0;
      for (String id : ids) {
        List<JournalRow> journal = graph.journal(id);
        answered += journal.stream().anyMatch(r -> r.isRequest() && r.path().endsWith("/answer") && r.status() / 100 == 2)
            ? 1 : 0;
        recording += journal.stream()
            .anyMatch(r -> r.isRequest() && r.path().endsWith("/recordResponse") && r.status() == 200) ? 1 : 0;
      }
      if (answered == ids.size() && recording >= ids.size() / 2) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("calls never got in flight: " + answered + " answered, " + recording + " recording");
      }
      Thread.sleep(100);
    }
  }

  private static void assertEveryCallCompletedWithItsRecording(List<String> ids, Figures figures) throws Exception {
    for (String id : ids) {
      CallResult result = awaitResult(id);
      assertThat(result.outcome()).as("call %s: %s", id, result.path()).isEqualTo(CallOutcome.COMPLETED);
      assertThat(result.path()).extracting(StepTaken::nodeId).containsExactlyElementsOf(VOICEMAIL_PATH);
      assertThat(result.recordings()).hasSize(1);
      RecordingStored recording = result.recordings().get(0);
      assertThat(Files.readAllBytes(Path.of(recording.location())))
          .as("call %s: the stored recording equals the emulator's bytes", id)
          .isEqualTo(graph.recordingBytes(id, recording.operationId()));
      assertThat(graph.call(id).path("recordings")).as("recordings Graph made").hasSize(1);
      Path folder = cluster.recordingsDir().resolve(CallIds.workflowId(id));
      try (Stream<Path> files = Files.list(folder)) {
        assertThat(files.map(p -> p.getFileName().toString()).toList())
            .as("call %s: one recording file, no partial one", id)
            .containsExactly(Path.of(recording.location()).getFileName().toString());
      }
      figures.callCorrect(1, 1, 0);
    }
  }

  /** The call's workflow result; the workflow may not exist yet, and the frontend may be restarting. */
  private static CallResult awaitResult(String callId) throws Exception {
    long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
    WorkflowStub call = client.newUntypedWorkflowStub(CallIds.workflowId(callId));
    while (true) {
      try {
        return call.getResult(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS, CallResult.class);
      } catch (WorkflowNotFoundException | WorkflowServiceException notYet) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("call " + callId + ": no result within " + CALL_TIMEOUT + ": " + notYet);
        }
        Thread.sleep(200);
      }
    }
  }

  /** The end of every service's log: what a failed round needs to be understood. */
  private static void printLogTails() {
    for (String service : List.of("temporal-history", "temporal-matching", "temporal-frontend", "worker-1",
        "worker-2", "api-1", "api-2", "emulator", "lb")) {
      try {
        List<String> lines = Files.readAllLines(cluster.log(service));
        System.out.println("---- " + service + ", the last lines of its log ----");
        lines.subList(Math.max(0, lines.size() - 30), lines.size())
            .forEach(l -> System.out.println(l.length() > 400 ? l.substring(0, 400) + "…" : l));
      } catch (IOException e) {
        System.out.println("---- " + service + ": log unreadable: " + e);
      }
    }
  }

  private static Duration max(Duration a, Duration b) {
    return Stream.of(a, b).max(Comparator.naturalOrder()).orElseThrow();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
