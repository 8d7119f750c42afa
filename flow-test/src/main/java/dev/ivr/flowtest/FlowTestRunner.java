package dev.ivr.flowtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ivr.api.ApiApplication;
import dev.ivr.codec.PayloadKeys;
import dev.ivr.emulator.Callee;
import dev.ivr.activities.external.FlowSecrets;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.JournalEntry;
import dev.ivr.embedded.EmulatorWiring;
import dev.ivr.embedded.temporal.TemporalChoice;
import dev.ivr.embedded.temporal.TemporalServer;
import dev.ivr.worker.CallWorker;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.StepTaken;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs flow test cases without a phone, on a real Temporal server (the CLI's dev server, in memory;
 * the Java test server where the CLI cannot be built): one server, one worker and one Graph emulator
 * for every case, and for each case the real api with a routing table that sends the case's call to
 * its flow, with its initial variables and its {@code clock} (the instant its {@code businessHours}
 * nodes take as now). The emulator plays the scripted caller. Time is compressed: the emulator and the
 * workflow both run {@code timeScale} times faster, so a 2-minute call tests in seconds.
 */
public final class FlowTestRunner implements AutoCloseable {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String TARGET_PREFIX = "flowtest-";
  private static final Pattern PROMPT_URI = Pattern.compile("/prompts/([^/]+/[^/?]+?)\\.wav");
  /** A recording played back: Graph fetches it at a signed URL of the api. */
  private static final Pattern RECORDING_URI = Pattern.compile("/media/recordings/[A-Za-z0-9_.-]+\\.wav$");
  /** A signed download URL in a request a stub received (a delivery hook's). */
  private static final Pattern DOWNLOAD_URL = Pattern.compile("https?://[^\"\\s]+/media/downloads/[A-Za-z0-9_.-]+\\.wav");
  /** What a test expects in place of a download URL that the api serves; a URL it refuses reads as the other. */
  static final String DOWNLOAD_URL_SHOWN = "${recordingDownloadUrl}";
  static final String BAD_DOWNLOAD_URL_SHOWN = "${recordingDownloadUrl refused by the api}";
  /** In an expected request body: any value. */
  static final String ANY = "${any}";

  private final Path flowsDir;
  private final double timeScale;
  private final GraphEmulator emulator;
  private final Path workDir;
  private final TemporalServer temporal;
  private final WorkflowServiceStubs service;
  private final WorkflowClient client;
  private final WorkerFactory workers;
  /** The worker's secrets: each case's {@code secrets}, set when it starts. */
  private final FlowSecrets.InMemory secrets = FlowSecrets.inMemory();
  private final String mediaKey;
  private volatile CallObserver observer = (testCase, client, workflowId, result) -> { };

  /**
   * Called after each case's call has finished, while its Temporal server still holds the history
   * (for example to export it into the replay corpus).
   */
  @FunctionalInterface
  public interface CallObserver {
    void finished(FlowTestCase testCase, WorkflowClient client, String workflowId, CallResult result);
  }

  public FlowTestRunner(Path flowsDir, double timeScale) {
    this(flowsDir, timeScale, TemporalChoice.devServer());
  }

  /** Flow tests on {@code temporal}, payloads encrypted with a new random key. */
  public FlowTestRunner(Path flowsDir, double timeScale, TemporalChoice temporal) {
    this(flowsDir, timeScale, temporal, PayloadKeys.parse(PayloadKeys.generateEntry("flow-tests")));
  }

  /**
   * Flow tests on {@code temporal} (the dev server by default; the test server as a fallback), the
   * worker and the client encrypting payloads with {@code keys} ({@link PayloadKeys#NONE}: plain).
   */
  public FlowTestRunner(Path flowsDir, double timeScale, TemporalChoice temporal, PayloadKeys keys) {
    this.flowsDir = flowsDir.toAbsolutePath();
    this.timeScale = timeScale;
    try {
      this.workDir = Files.createTempDirectory("flow-tests");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.temporal = TemporalServer.start(temporal);
    // Graph's 15 s answer deadline would be 1.5 s of real time at 10x, tighter than a cold JVM's first
    // answer: flow tests are about the flow, so the deadline stays 15 real seconds
    this.emulator = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(timeScale)
        .withAnswerDeadlineSeconds(15 * Math.max(1, timeScale)));
    this.service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(this.temporal.target()).build());
    this.client = WorkflowClient.newInstance(service, CallWorker.clientOptions(this.temporal.namespace(), keys));
    // worker and every case's api share one signing key for recording URLs, new per runner
    this.mediaKey = dev.ivr.recordings.RecordingLinks.generateKey();
    this.workers = CallWorker.register(WorkerFactory.newInstance(client),
        EmulatorWiring.workerSettings(emulator, this.temporal.target(), workDir.resolve("recordings"))
            .withPayloadKeys(keys)
            .withRecordingUrls(dev.ivr.activities.recording.RecordingUrls.fromEnvironment(mediaKey, Map.of())), secrets);
    workers.start();
    if (!CallWorker.hasVisibility(client)) {
      CallWorker.ensureCallIndex(client);
    }
  }

  /** The Graph emulator every case's call runs on (its journal and media downloads). */
  public GraphEmulator emulator() {
    return emulator;
  }

  public FlowTestRunner observe(CallObserver observer) {
    this.observer = observer;
    return this;
  }

  /** Runs every case, in order. */
  public List<FlowTestResult> runAll(List<FlowTestCase> cases) {
    List<FlowTestResult> results = new ArrayList<>();
    for (FlowTestCase testCase : cases) {
      results.add(run(testCase));
    }
    return results;
  }

  public FlowTestResult run(FlowTestCase testCase) {
    return run(testCase, null);
  }

  /** Runs one case with the emulator's {@code faults} on its call (null: none). */
  public FlowTestResult run(FlowTestCase testCase, FaultPlan faults) {
    long started = System.nanoTime();
    StubServer stubs = testCase.stubs().isEmpty() ? null : new StubServer(testCase.stubs());
    ConfigurableApplicationContext api = null;
    try {
      int port = EmulatorWiring.freePort();
      String baseUrl = "http://127.0.0.1:" + port;
      List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1",
          "--spring.temporal.connection.target=" + temporal.target(),
          "--spring.temporal.namespace=" + temporal.namespace(),
          "--ivr.public-base-url=" + baseUrl, "--ivr.flows.dir=" + flowsDir,
          "--ivr.recordings.dir=" + workDir.resolve("recordings"),
          "--ivr.flows.routing=" + routing(testCase, stubs), "--ivr.prompts.dir=" + flowsDir.resolve("prompts"),
          "--ivr.calls.time-scale=" + timeScale, "--spring.main.banner-mode=off"));
      if (testCase.clock() != null) {
        args.add("--ivr.calls.clock=" + testCase.clock());
      }
      args.addAll(EmulatorWiring.apiArguments(emulator, EmulatorWiring.newPassword()));
      api = new SpringApplicationBuilder(ApiApplication.class)
          .initializers(ctx -> ctx.getBeanFactory().registerSingleton("flowTestWorkflowClient", client),
              ctx -> EmulatorWiring.shareMediaSigningKey(ctx, mediaKey))
          .run(args.toArray(String[]::new));
      String callback = baseUrl + api.getEnvironment().getProperty("ivr.callback.path", "/callbacks/calling");
      testCase.callees().forEach((target, outcome) -> emulator.registerCallee(target, callee(outcome)));
      secrets.clear();
      testCase.secrets().forEach(secrets::put);
      IncomingCallSpec spec = IncomingCallSpec.to(callback);
      if (testCase.from() != null) {
        spec = spec.withCallerPhone(testCase.from());
      }
      String callId = emulator.raiseIncomingCall(spec
          .withTarget(TARGET_PREFIX + testCase.flowId())
          .withScript(CallerScript.fromJson(testCase.caller()))
          .withFaults(faults));
      CallResult result = awaitResult(client, callId, 120_000);
      observer.finished(testCase, client, CallIds.workflowId(callId), result);
      return compare(testCase, result, observe(callId, stubs), System.nanoTime() - started);
    } catch (RuntimeException | TimeoutException e) {
      return new FlowTestResult(testCase, null, List.of(), Map.of(), 0,
          List.of("the call did not finish: " + e), (System.nanoTime() - started) / 1_000_000);
    } finally {
      if (api != null) {
        api.close();
      }
      if (stubs != null) {
        stubs.close();
      }
    }
  }

  /** A routing table that sends this case's target identity to its flow, with its initial variables. */
  private Path routing(FlowTestCase testCase, StubServer stubs) {
    Map<String, Object> variables = new LinkedHashMap<>();
    testCase.variables().forEach((name, value) -> variables.put(name,
        value instanceof String s && stubs != null ? s.replace("${stubs}", stubs.baseUrl()) : value));
    Map<String, Object> route = new LinkedHashMap<>();
    route.put("identity", TARGET_PREFIX + testCase.flowId());
    route.put("flow", testCase.flowId());
    if (!variables.isEmpty()) {
      route.put("variables", variables);
    }
    Map<String, Object> table = new LinkedHashMap<>();
    table.put("default", testCase.flowId());
    Object aliases = aliases();
    if (aliases != null) {
      table.put("aliases", aliases); // subflow nodes and routes may name them
    }
    table.put("routes", List.of(route));
    try {
      Path file = Files.createTempFile(workDir, "routing-", ".yaml");
      YAML.writeValue(file.toFile(), table);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code aliases} of the flows directory's own routing.yaml (splits included), or null. */
  private Object aliases() {
    Path routing = flowsDir.resolve("routing.yaml");
    if (!Files.isRegularFile(routing)) {
      return null;
    }
    try {
      JsonNode aliases = YAML.readTree(routing.toFile()).get("aliases");
      return aliases == null || aliases.isNull() || aliases.isEmpty() ? null : YAML.convertValue(aliases, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + routing, e);
    }
  }

  private static CallResult awaitResult(WorkflowClient client, String callId, long timeoutMillis)
      throws TimeoutException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    WorkflowStub call = client.newUntypedWorkflowStub(CallIds.workflowId(callId));
    while (true) {
      try {
        return call.getResult(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS, CallResult.class);
      } catch (WorkflowNotFoundException notYet) {
        if (System.currentTimeMillis() > deadline) {
          throw new TimeoutException("no workflow was started for call " + callId);
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /** What a call did, as Graph and the stubs saw it. */
  record Observed(List<String> prompts, List<String> requests, List<String> transfers) {
    static final Observed NOTHING = new Observed(List.of(), List.of(), List.of());
  }

  /**
   * The call's prompts ({@code <locale>/<key>} of each playPrompt's media, in order) and transfer targets
   * from the emulator's journal, and the requests the stubs received (a request repeated at once, a retry,
   * counts once).
   */
  private Observed observe(String callId, StubServer stubs) {
    List<String> prompts = new ArrayList<>();
    List<String> transfers = new ArrayList<>();
    for (JournalEntry entry : emulator.journal(callId)) {
      if (!entry.isRequest() || entry.body() == null || entry.status() >= 400) {
        continue;
      }
      try {
        if (entry.path().endsWith("/playPrompt")) {
          for (JsonNode prompt : YAML.readTree(entry.body()).path("prompts")) {
            String uri = prompt.path("mediaInfo").path("uri").asText();
            Matcher m = PROMPT_URI.matcher(uri);
            prompts.add(m.find() ? m.group(1) : RECORDING_URI.matcher(uri).find() ? "recording" : uri);
          }
        } else if (entry.path().endsWith("/transfer")) {
          JsonNode identity = YAML.readTree(entry.body()).path("transferTarget").path("identity");
          identity.fields().forEachRemaining(f -> {
            if (f.getValue().hasNonNull("id")) {
              transfers.add(f.getValue().get("id").asText());
            }
          });
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<String> requests = new ArrayList<>();
    if (stubs != null) {
      for (String received : stubs.received()) {
        String request = withDownloadUrlsChecked(received);
        if (requests.isEmpty() || !requests.get(requests.size() - 1).equals(request)) {
          requests.add(request);
        }
      }
    }
    return new Observed(prompts, requests, transfers);
  }

  /**
   * The request with each signed download URL replaced by {@value #DOWNLOAD_URL_SHOWN} when the api
   * (still running) serves a WAV at it, else by {@value #BAD_DOWNLOAD_URL_SHOWN}: the URL changes
   * every run, whether it works does not.
   */
  private static String withDownloadUrlsChecked(String request) {
    Matcher url = DOWNLOAD_URL.matcher(request);
    StringBuilder out = new StringBuilder();
    while (url.find()) {
      url.appendReplacement(out, Matcher.quoteReplacement(serves(url.group()) ? DOWNLOAD_URL_SHOWN : BAD_DOWNLOAD_URL_SHOWN));
    }
    url.appendTail(out);
    return out.toString();
  }

  private static boolean serves(String url) {
    try {
      java.net.http.HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(java.time.Duration.ofSeconds(10)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      return response.statusCode() == 200 && response.headers().firstValue("Content-Type").orElse("").startsWith("audio/wav")
          && response.body().length > 44;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static FlowTestResult compare(FlowTestCase testCase, CallResult result, long elapsedNanos) {
    return compare(testCase, result, Observed.NOTHING, elapsedNanos);
  }

  static FlowTestResult compare(FlowTestCase testCase, CallResult result, Observed observed, long elapsedNanos) {
    List<String> path = result.path().stream().map(StepTaken::nodeId).filter(id -> !id.equals("answer")).toList();
    List<String> mismatches = new ArrayList<>();
    FlowTestCase.Expectation expect = testCase.expect();
    String outcome = result.outcome() == null ? null : result.outcome().name();
    if (expect.outcome() != null && !expect.outcome().equals(outcome)) {
      mismatches.add("outcome: expected " + expect.outcome() + ", got " + result.outcome());
    }
    if (expect.path() != null && !expect.path().equals(path)) {
      mismatches.add("path differs");
    }
    if (expect.variables() != null) {
      expect.variables().forEach((name, want) -> {
        Object got = lookup(result.variables(), name);
        if (!Objects.equals(String.valueOf(want), String.valueOf(got))) {
          mismatches.add("variable " + name + ": expected " + want + ", got " + got);
        }
      });
    }
    if (expect.recordings() != null && expect.recordings() != result.recordings().size()) {
      mismatches.add("recordings: expected " + expect.recordings() + ", got " + result.recordings().size());
    }
    if (expect.prompts() != null && !expect.prompts().equals(observed.prompts())) {
      mismatches.add("prompts: expected " + expect.prompts() + ", got " + observed.prompts());
    }
    if (expect.locale() != null && (observed.prompts().isEmpty()
        || !observed.prompts().stream().allMatch(p -> p.startsWith(expect.locale() + "/")))) {
      mismatches.add("locale: expected every prompt in " + expect.locale() + ", got " + observed.prompts());
    }
    if (expect.requests() != null && !sameRequests(expect.requests(), observed.requests())) {
      mismatches.add("requests: expected " + expect.requests() + ", got " + observed.requests());
    }
    if (expect.transfer() != null && !List.of(expect.transfer()).equals(observed.transfers())) {
      mismatches.add("transfer: expected " + expect.transfer() + ", got " + observed.transfers());
    }
    return new FlowTestResult(testCase, outcome, path, result.variables(), result.recordings().size(),
        mismatches, elapsedNanos / 1_000_000);
  }

  /** Requests match by method and URL, and by body as JSON (any key order) when the expectation gives one. */
  private static boolean sameRequests(List<String> expected, List<String> observed) {
    if (expected.size() != observed.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      String[] want = expected.get(i).split(" ", 3);
      String[] got = observed.get(i).split(" ", 3);
      if (!want[0].equalsIgnoreCase(got[0]) || want.length < 2 || got.length < 2 || !want[1].equals(got[1])) {
        return false;
      }
      if (want.length == 3) {
        try {
          if (got.length < 3 || !sameJson(YAML.readTree(want[2]), YAML.readTree(got[2]))) {
            return false;
          }
        } catch (IOException e) {
          if (got.length < 3 || !want[2].equals(got[2])) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /**
   * JSON equality (any key order) where an expected {@value #ANY} matches any value: for what changes
   * every run, such as a recording's sha256.
   */
  private static boolean sameJson(JsonNode want, JsonNode got) {
    if (want.isTextual() && ANY.equals(want.asText())) {
      return got != null && !got.isMissingNode();
    }
    if (want.isObject() && got.isObject()) {
      if (want.size() != got.size()) {
        return false;
      }
      for (var fields = want.fields(); fields.hasNext(); ) {
        var field = fields.next();
        if (!got.has(field.getKey()) || !sameJson(field.getValue(), got.get(field.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (want.isArray() && got.isArray()) {
      if (want.size() != got.size()) {
        return false;
      }
      for (int i = 0; i < want.size(); i++) {
        if (!sameJson(want.get(i), got.get(i))) {
          return false;
        }
      }
      return true;
    }
    return want.equals(got);
  }

  /** A variable by name; {@code a.b} reads into nested maps (e.g. a record node's metadata). */
  @SuppressWarnings("unchecked")
  private static Object lookup(Map<String, Object> variables, String name) {
    if (variables.containsKey(name)) {
      return variables.get(name);
    }
    Object current = variables;
    for (String part : name.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = ((Map<String, Object>) map).get(part);
    }
    return current;
  }

  @Override
  public void close() {
    workers.shutdownNow();
    workers.awaitTermination(5, TimeUnit.SECONDS);
    service.shutdownNow();
    emulator.close();
    temporal.close();
  }

  /** A callee of a test case: an outcome ({@code NO_ANSWER}), optionally with Graph's code/subcode ({@code UNREACHABLE 408/8544}). */
  static Callee callee(String spec) {
    String[] parts = spec.trim().split("\\s+");
    Callee callee = Callee.of(Callee.Outcome.valueOf(parts[0]));
    if (parts.length > 1) {
      String[] codes = parts[1].split("/");
      if (parts.length > 2 || codes.length != 2) {
        throw new IllegalArgumentException("a callee is OUTCOME or OUTCOME code/subcode, got '" + spec + "'");
      }
      callee = callee.withResult(Integer.parseInt(codes[0]), Integer.parseInt(codes[1]), null);
    }
    return callee;
  }
}
