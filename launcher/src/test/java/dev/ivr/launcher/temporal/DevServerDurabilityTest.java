package dev.ivr.embedded.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ivr.emulator.CallView;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.JournalEntry;
import dev.ivr.launcher.DemoCall;
import dev.ivr.embedded.EmbeddedSystem;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.StepTaken;
import dev.ivr.workflows.event.RecordingStored;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls are durable on a real Temporal server: six calls are in flight (two waiting in a menu, two
 * mid-record, two in an http node whose CRM holds its answer) when the dev server is SIGKILLed, and a
 * seventh rings while it is down. While it is
 * down the webhook answers Graph 503 and Graph redelivers; the server is started again on the same
 * SQLite file and ports, the worker and the api reconnect by themselves, and every call completes
 * with its full path and every recording byte for byte as the emulator generated it. (The Java test
 * server, the old default, lost every call in flight: RELIABILITY.md.)
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DevServerDurabilityTest {
  private static final Duration IN_FLIGHT = Duration.ofSeconds(60);

  @TempDir Path work;
  private EmbeddedSystem system;
  private HttpServer crm;

  @AfterEach
  void stop() {
    if (system != null) {
      system.close();
    }
    if (crm != null) {
      crm.stop(0);
    }
  }

  @Test
  void devServerSigkilledMidCalls_restartedOnItsDatabase_everyCallCompletesWithItsRecordings() throws Exception {
    AtomicInteger lookupsInFlight = new AtomicInteger();
    AtomicInteger lookupsAnswered = new AtomicInteger();
    CountDownLatch crmAnswers = new CountDownLatch(1);
    crm = heldCrm(crmAnswers, lookupsInFlight, lookupsAnswered);
    system = EmbeddedSystem.start(EmbeddedSystem.Options.defaults()
        .withRecordingsDir(work.resolve("recordings"))
        .withApiArguments(WaitingCallFlows.apiArguments(work, "http://127.0.0.1:" + crm.getAddress().getPort()))
        // Graph redelivers a notification the webhook refused (503) with the same Message-ID
        .withEmulatorConfig(config -> config.withNotificationRetries(40))
        .withTemporal(new TemporalChoice.DevServer(work.resolve("temporal.db"), 0, -1, work)));
    DevServer server = system.temporal().devServer().orElseThrow();
    assertThat(system.temporal().durable()).isTrue();

    Map<String, List<String>> expectedPaths = new LinkedHashMap<>();
    List<String> menuCalls = new ArrayList<>();
    List<String> recordCalls = new ArrayList<>();
    List<String> lookupCalls = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      menuCalls.add(raise(IncomingCallSpec.to(callback()).withTarget(WaitingCallFlows.MENU_TARGET)
          .withScript(CallerScript.of(new CallerScript.Wait(600)))));
      recordCalls.add(raise(IncomingCallSpec.to(callback())
          .withScript(CallerScript.of(new CallerScript.WaitFor("beep"), new CallerScript.Speak(20.0)))));
      lookupCalls.add(raise(IncomingCallSpec.to(callback()).withTarget(WaitingCallFlows.LOOKUP_TARGET)
          .withScript(CallerScript.of(new CallerScript.WaitFor("promptStarted"), new CallerScript.Press("123456#", 0.1)))));
    }
    menuCalls.forEach(id -> expectedPaths.put(id, List.of("answer", "menu", "sales", "new-orders", "goodbye", "end")));
    recordCalls.forEach(id -> expectedPaths.put(id, List.of("answer", "greeting", "record", "goodbye", "end")));
    lookupCalls.forEach(id -> expectedPaths.put(id,
        List.of("answer", "collect", "lookup", "check", "found", "goodbye", "end")));

    await("2 callers waiting in the menu, 2 recording, 2 lookups in flight", () ->
        menuCalls.stream().allMatch(id -> promptsCompleted(id) >= 1)
            && recordCalls.stream().allMatch(id -> recording(id))
            && lookupsInFlight.get() == 2);

    long killedAt = System.nanoTime();
    int exit = server.kill();
    assertThat(exit).as("SIGKILL").isEqualTo(137);
    // while it is down: a new call rings, and a caller in the menu presses 1 (the sales menu)
    String ringing = raise(IncomingCallSpec.to(callback()).withScript(DemoCall.CALLER));
    expectedPaths.put(ringing, List.of("answer", "greeting", "record", "goodbye", "end"));
    system.emulator().pressKeys(menuCalls.get(0), "1");
    await("the webhook to refuse a notification with 503 while Temporal is down", () ->
        system.emulator().journal(ringing).stream().anyMatch(e -> e.isNotification() && e.status() == 503));
    Thread.sleep(2_000);

    server.restart();
    double downSeconds = (System.nanoTime() - killedAt) / 1e9;
    crmAnswers.countDown();
    system.emulator().pressKeys(menuCalls.get(1), "1");
    await("both menu callers in the sales menu", () -> menuCalls.stream().allMatch(id -> promptsCompleted(id) >= 2));
    menuCalls.forEach(id -> system.emulator().pressKeys(id, "1"));

    int recordings = 0;
    for (Map.Entry<String, List<String>> call : expectedPaths.entrySet()) {
      CallResult result = DemoCall.awaitResult(system.client(), call.getKey(), Duration.ofSeconds(120));
      assertThat(result.outcome()).as("outcome of %s", call.getKey()).isEqualTo(CallOutcome.COMPLETED);
      assertThat(result.path()).extracting(StepTaken::nodeId).as("path of %s", call.getKey())
          .containsExactlyElementsOf(call.getValue());
      for (RecordingStored recording : result.recordings()) {
        assertThat(Files.readAllBytes(Path.of(recording.location()))).as("recording of %s", call.getKey())
            .isEqualTo(system.emulator().recordingBytes(call.getKey(), recording.operationId()));
        recordings++;
      }
    }
    assertThat(recordings).isEqualTo(recordCalls.size() + 1);
    assertThat(lookupsAnswered.get()).as("CRM lookups answered (retried ones included)").isGreaterThanOrEqualTo(2);

    // Graph's view: each notification refused while the server was down was accepted on redelivery
    List<JournalEntry> refused = system.emulator().journal().stream()
        .filter(e -> e.isNotification() && e.status() == 503).toList();
    assertThat(refused).isNotEmpty().allSatisfy(r -> assertThat(system.emulator().journal().stream()
        .anyMatch(e -> e.isNotification() && r.messageId().equals(e.messageId()) && e.status() == 202))
        .as("redelivery of %s accepted", r.messageId()).isTrue());
    System.out.printf("RELIABILITY dev server SIGKILLed (exit %d) with %d calls in flight (+1 ringing), down %.1f s:"
        + " %d of %d calls completed with their full path, %d notifications answered 503 and accepted on"
        + " redelivery, %d recordings stored byte-equal, 0 lost%n", exit, expectedPaths.size() - 1, downSeconds,
        expectedPaths.size(), expectedPaths.size(), refused.size(), recordings);
  }

  private String callback() {
    return system.endpoints().callbackUri();
  }

  private String raise(IncomingCallSpec spec) {
    return system.emulator().raiseIncomingCall(spec);
  }

  private long promptsCompleted(String callId) {
    return system.emulator().call(callId).operations().stream()
        .filter(o -> o.type().equals("playPrompt") && o.status().equals("completed")).count();
  }

  private boolean recording(String callId) {
    CallView call = system.emulator().call(callId);
    return call.operations().stream().anyMatch(o -> o.type().equals("recordResponse") && o.status().equals("running"));
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + IN_FLIGHT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %d s for %s", IN_FLIGHT.toSeconds(), what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /** A CRM that holds every account lookup until {@code answer} opens (at most 25 s), then answers it. */
  private static HttpServer heldCrm(CountDownLatch answer, AtomicInteger inFlight, AtomicInteger answered)
      throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/accounts/", exchange -> {
      inFlight.incrementAndGet();
      try {
        answer.await(25, TimeUnit.SECONDS);
        byte[] body = "{\"name\":\"Ada\",\"balance\":42}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        answered.incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
        exchange.close();
      }
    });
    server.start();
    return server;
  }
}
