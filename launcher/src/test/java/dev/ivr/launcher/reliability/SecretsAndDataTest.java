package dev.ivr.launcher.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import io.temporal.api.history.v1.HistoryEvent;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Full calls, some through error paths (Graph 500, 429, a recording that answers 404), handled
 * first by a worker in its own JVM and then by one in this JVM, with {@code dev.ivr} logging at
 * DEBUG: no Graph access token, client secret or recordingAccessToken appears in any log line;
 * recording files are readable by their owner only; the worker deletes expired recordings.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SecretsAndDataTest {
  private static final double SCALE = 6.0;
  private static final CallerScript CALLER = CallerScript.of(
      new CallerScript.WaitFor("beep"), new CallerScript.Wait(1.0), new CallerScript.Speak(3.0));
  private static final Pattern RECORDING_TOKEN = Pattern.compile("\"recordingAccessToken\"\\s*:\\s*\"([^\"]+)\"");
  private static final Figures figures = new Figures("secrets-and-data");

  private static ReliabilityHarness system;
  private static final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private static Level previousLevel;
  private static String workerJvmOutput;
  private static final List<String> callIds = new ArrayList<>();

  @BeforeAll
  static void runCalls() throws Exception {
    system = ReliabilityHarness.start(SCALE, config -> config.withAnswerDeadlineSeconds(60));
    ReliabilityHarness.Api api = system.startApi(null);
    // after the api: Spring Boot reconfigures logback when it starts
    Logger ours = (Logger) LoggerFactory.getLogger("dev.ivr");
    previousLevel = ours.getLevel();
    ours.setLevel(Level.DEBUG);
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    captured.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    captured.start();
    root.addAppender(captured);
    // phase 1: a worker JVM serves the calls; its output is kept
    WorkerProcess worker = system.startWorkerProcess("worker-secrets");
    runCalls(api, List.of(FaultPlan.none(),
        FaultPlan.builder().graphError(FaultPlan.GraphError.of(500, "playPrompt", 1)).build(),
        FaultPlan.builder().recordingFault("notFound").build()));
    worker.close(); // SIGTERM: its shutdown hook runs
    workerJvmOutput = worker.output();
    // phase 2: the worker in this JVM, its logs captured with the api's
    system.startInJvmWorker(store -> store);
    runCalls(api, List.of(FaultPlan.none(),
        FaultPlan.builder().graphError(FaultPlan.GraphError.of(429, "recordResponse", 1)).build(),
        FaultPlan.builder().recordingFault("notFound").build()));
  }

  private static void runCalls(ReliabilityHarness.Api api, List<FaultPlan> plans) throws Exception {
    List<String> ids = new ArrayList<>();
    for (FaultPlan plan : plans) {
      IncomingCallSpec spec = IncomingCallSpec.to(api.callbackUri()).withScript(CALLER).withFaults(plan);
      if ("notFound".equals(plan.recordingFault())) {
        spec = spec.withTarget(ReliabilityHarness.ON_ERROR_TARGET);
      }
      ids.add(system.raise(spec));
      figures.callRaised(plan.equals(FaultPlan.none()) ? 0 : 1);
    }
    for (String id : ids) {
      CallResult result = system.awaitResult(id, Duration.ofSeconds(60));
      assertThat(result.outcome()).as("call %s: %s", id, result.path()).isEqualTo(CallOutcome.COMPLETED);
      boolean delivered = result.path().stream().noneMatch(s -> s.outcome().equals("downloadFailed"));
      figures.callCorrect(delivered ? 1 : 0, result.recordings().size(), delivered ? 0 : 1);
    }
    callIds.addAll(ids);
  }

  @AfterAll
  static void stop() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(captured);
    ((Logger) LoggerFactory.getLogger("dev.ivr")).setLevel(previousLevel);
    if (system != null) {
      system.close();
    }
    figures.print();
  }

  @Test
  void noTokenSecretOrRecordingToken_inAnyLog() throws Exception {
    Set<String> graphTokens = issuedGraphTokens(system.emulator());
    Set<String> recordingTokens = recordingTokens();
    String clientSecret = system.emulator().config().clientSecret();
    assertThat(graphTokens).as("Graph access tokens the emulator issued").isNotEmpty();
    assertThat(recordingTokens).as("recordingAccessTokens Graph sent").hasSizeGreaterThanOrEqualTo(4);

    Map<String, String> logs = Map.of(
        "this JVM (api, worker, Temporal SDK, Spring), dev.ivr at DEBUG", inJvmLogs(),
        "the worker JVM's stdout/stderr", workerJvmOutput);
    assertThat(logs.get("the worker JVM's stdout/stderr")).as("the worker JVM logged the calls")
        .contains("recordResponse on call");
    assertThat(logs.get("this JVM (api, worker, Temporal SDK, Spring), dev.ivr at DEBUG"))
        .contains("recordResponse on call");

    int scanned = 0;
    for (Map.Entry<String, String> log : logs.entrySet()) {
      String text = log.getValue();
      assertThat(text).as("client secret in %s", log.getKey()).doesNotContain(clientSecret);
      for (String token : graphTokens) {
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertThat(text).as("a Graph access token in %s", log.getKey()).doesNotContain(token);
        assertThat(text).as("a Graph access token's signature in %s", log.getKey()).doesNotContain(signature);
        scanned++;
      }
      for (String token : recordingTokens) {
        assertThat(text).as("a recordingAccessToken in %s", log.getKey()).doesNotContain(token);
        scanned++;
      }
    }
    System.out.printf("RELIABILITY secrets scan: %d log characters, %d Graph tokens, %d recording tokens, "
            + "1 client secret: 0 found (%d checks)%n", logs.values().stream().mapToInt(String::length).sum(),
        graphTokens.size(), recordingTokens.size(), scanned + logs.size());
  }

  @Test
  void recordingFiles_areReadableByTheirOwnerOnly() throws Exception {
    List<Path> files = system.recordingFiles();
    assertThat(files).as("recordings stored by both workers").hasSizeGreaterThanOrEqualTo(4);
    for (Path file : files) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("%s", file)
          .isEqualTo("rw-------");
    }
    try (Stream<Path> dirs = Files.walk(system.recordingsDir())) {
      // (call-expired is planted by the retention test, not written by the store)
      for (Path dir : dirs.filter(Files::isDirectory).filter(d -> !d.endsWith("call-expired")).toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).as("%s", dir)
            .isEqualTo("rwx------");
      }
    }
  }

  /** A worker JVM started with {@code IVR_RECORDINGS_RETENTION=P30D} deletes a 40-day-old recording, keeps today's. */
  @Test
  void workerJvm_deletesExpiredRecordings() throws Exception {
    Path expired = system.recordingsDir().resolve("call-expired/2.wav");
    Files.createDirectories(expired.getParent());
    Files.write(expired, new byte[] {'R', 'I', 'F', 'F'});
    Files.setLastModifiedTime(expired, FileTime.from(Instant.now().minus(Duration.ofDays(40))));
    List<Path> fresh = system.recordingFiles().stream().filter(p -> !p.equals(expired)).toList();

    WorkerProcess sweeper = system.startWorkerProcess("worker-retention", Map.of("IVR_RECORDINGS_RETENTION", "P30D"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Files.exists(expired) && System.nanoTime() < deadline) {
      ReliabilityHarness.sleep(100);
    }
    assertThat(expired).doesNotExist();
    assertThat(expired.getParent()).doesNotExist();
    assertThat(fresh).isNotEmpty().allMatch(Files::exists);
    sweeper.close();
    assertThat(sweeper.output()).contains("recordings older than PT720H are deleted");
  }

  private static String inJvmLogs() {
    StringBuilder text = new StringBuilder();
    for (ILoggingEvent event : List.copyOf(captured.list)) {
      if (event.getLoggerName().startsWith("dev.ivr.emulator")) {
        continue; // the emulator stands in for Graph; it is not part of the system under test
      }
      text.append(event.getLoggerName()).append(' ').append(event.getFormattedMessage()).append('\n');
      if (event.getThrowableProxy() != null) {
        text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
      }
    }
    return text.toString();
  }

  /** The recordingAccessTokens Graph sent, read back from the signals in the calls' workflow histories. */
  private static Set<String> recordingTokens() {
    Set<String> tokens = new LinkedHashSet<>();
    for (String id : callIds) {
      for (HistoryEvent event : system.client().fetchHistory(CallIds.workflowId(id)).getEvents()) {
        if (event.hasWorkflowExecutionSignaledEventAttributes()) {
          event.getWorkflowExecutionSignaledEventAttributes().getInput().getPayloadsList().forEach(payload -> {
            Matcher m = RECORDING_TOKEN.matcher(payload.getData().toStringUtf8());
            while (m.find()) {
              if (!m.group(1).isBlank()) {
                tokens.add(m.group(1));
              }
            }
          });
        }
      }
    }
    return tokens;
  }

  /**
   * Every access token the emulator's token endpoint issued. The emulator has no public accessor for
   * them, so this reads its token service's private map (test code only).
   */
  @SuppressWarnings("unchecked")
  private static Set<String> issuedGraphTokens(GraphEmulator emulator) throws ReflectiveOperationException {
    Field tokensField = GraphEmulator.class.getDeclaredField("tokens");
    tokensField.setAccessible(true);
    Object tokenService = tokensField.get(emulator);
    Field issued = tokenService.getClass().getDeclaredField("issued");
    issued.setAccessible(true);
    return Set.copyOf(((Map<String, Instant>) issued.get(tokenService)).keySet());
  }
}
