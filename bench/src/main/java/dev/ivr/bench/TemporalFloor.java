package dev.ivr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ivr.emulator.GraphEmulator;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Temporal floor: the floor's bot made durable in the cheapest way Temporal allows, on the same
 * Temporal server, emulator and machine as ours. Its webhook (JDK {@code HttpServer}, no Spring, no
 * token check) hands each notification to the call's workflow with one signalWithStart, as ours does,
 * and answers 202 once Temporal has it. The workflow reacts as the floor does (answer; subscribeToTone
 * and playPrompt; recordResponse on key 1; download; hang up), each Graph request a local activity
 * over {@link HttpURLConnection} (no Graph SDK), the download a normal activity (retryable, as ours).
 * No flow interpreter, no search attributes, no timers, no versions, no payload encryption.
 *
 * <p>It answers one question: how much of the gap between ours and the floor any bot built on
 * Temporal pays, and how much is ours. Its webhook's threads are {@code tfloor-*}; its workflow and
 * activity threads are the SDK's (they count as the worker's, and ours are idle while it runs).
 */
final class TemporalFloor implements AutoCloseable {
  static final String TASK_QUEUE = "temporal-floor";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the workflow needs of one notification. */
  public record Event(String type, String state, String tone, String status, String operationId,
      String recordingLocation, String recordingAccessToken) {
    @Override
    public String toString() {
      return "Event[" + type + " " + state + " " + tone + " " + status + "]";
    }
  }

  /** The stored recording: its file and sha256. */
  public record Stored(String path, String sha256) {}

  @WorkflowInterface
  public interface TemporalFloorCall {
    @WorkflowMethod
    Stored run(String callId);

    @SignalMethod
    void notification(Event event);
  }

  @ActivityInterface
  public interface Graph {
    void request(String method, String graphPath, String json);

    Stored download(String callId, String location, String accessToken);
  }

  public static final class TemporalFloorCallImpl implements TemporalFloorCall {
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private final Graph graph = Workflow.newLocalActivityStub(Graph.class, LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(10))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build()).build());
    private final Graph downloads = Workflow.newActivityStub(Graph.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(60))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build()).build());

    @Override
    public Stored run(String callId) {
      String path = "/communications/calls/" + callId;
      boolean answered = false;
      boolean established = false;
      boolean recording = false;
      Stored stored = null;
      while (true) {
        Workflow.await(() -> !events.isEmpty());
        Event e = events.poll();
        if (e.type().equals("#microsoft.graph.call")) {
          if (e.state().equals("incoming") && !answered) {
            answered = true;
            graph.request("POST", path + "/answer", "{\"acceptedModalities\":[\"audio\"],"
                + "\"mediaConfig\":{\"@odata.type\":\"#microsoft.graph.serviceHostedMediaConfig\"}}");
          } else if (e.state().equals("established") && !established) {
            established = true;
            graph.request("POST", path + "/subscribeToTone", "{\"clientContext\":\"tfloor\"}");
            graph.request("POST", path + "/playPrompt", "{\"clientContext\":\"tfloor\",\"prompts\":[{\"@odata.type\":"
                + "\"#microsoft.graph.mediaPrompt\",\"mediaInfo\":{\"@odata.type\":\"#microsoft.graph.mediaInfo\","
                + "\"uri\":\"{prompt}\",\"resourceId\":\"tfloor-prompt\"}}]}");
          } else if ("tone1".equals(e.tone()) && !recording) {
            recording = true;
            graph.request("POST", path + "/recordResponse", "{\"clientContext\":\"tfloor\",\"bargeInAllowed\":false,"
                + "\"playBeep\":false,\"initialSilenceTimeoutInSeconds\":5,\"maxSilenceTimeoutInSeconds\":10,"
                + "\"maxRecordDurationInSeconds\":{recordSeconds}}");
          } else if (e.state().equals("terminated")) {
            if (stored == null) {
              throw ApplicationFailure.newNonRetryableFailure("the call ended before its recording was stored",
                  "CallEnded");
            }
            return stored;
          }
        } else if (e.type().equals("#microsoft.graph.recordOperation") && "completed".equalsIgnoreCase(e.status())
            && stored == null) {
          stored = downloads.download(callId, e.recordingLocation(), e.recordingAccessToken());
          graph.request("DELETE", path, null);
        }
      }
    }

    @Override
    public void notification(Event event) {
      events.add(event);
    }
  }

  /** The Graph requests, as the floor sends them; the prompt's URL and the record length filled in here. */
  final class GraphImpl implements Graph {
    @Override
    public void request(String method, String graphPath, String json) {
      try {
        send(method, graphPath, json == null ? null
            : json.replace("{prompt}", promptUri()).replace("{recordSeconds}", String.valueOf(recordSeconds)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Stored download(String callId, String location, String accessToken) {
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(location).toURL().openConnection();
        c.setRequestProperty("Authorization", "Bearer " + accessToken);
        if (c.getResponseCode() != 200) {
          throw new IOException("recording download answered " + c.getResponseCode());
        }
        Path file = dir.resolve(key(callId) + ".wav");
        Path part = dir.resolve(key(callId) + ".wav.part");
        MessageDigest sha = Floor.sha256();
        byte[] buffer = new byte[16_384];
        try (InputStream in = c.getInputStream(); OutputStream out = Files.newOutputStream(part)) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
            sha.update(buffer, 0, n);
          }
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Stored(file.toString(), HexFormat.of().formatHex(sha.digest()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final GraphEmulator emulator;
  private final WorkflowClient client;
  private final Path dir;
  private final int recordSeconds;
  private final HttpServer server;
  private final ExecutorService pool;
  private final WorkerFactory workers;
  private final byte[] prompt = BenchFlows.promptWav();
  private final String token;

  /**
   * @param client a client of the Temporal server under test (ours': the same server, namespace and
   *     connection; the floor's own client has the SDK's default data converter)
   */
  TemporalFloor(GraphEmulator emulator, WorkflowClient client, Path dir, int recordSeconds, int threads) {
    this.emulator = emulator;
    // the SDK's plain data converter: the cheapest payloads (ours encrypts every payload)
    this.client = WorkflowClient.newInstance(client.getWorkflowServiceStubs(),
        io.temporal.client.WorkflowClientOptions.newBuilder().setNamespace(client.getOptions().getNamespace()).build());
    this.dir = dir;
    this.recordSeconds = recordSeconds;
    pool = Executors.newFixedThreadPool(threads, Floor.threadsNamed("tfloor-"));
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server = Floor.startWebhook(pool, "tfloor-", prompt, this::onNotification);
    token = Floor.fetchToken(emulator);
    workers = WorkerFactory.newInstance(this.client);
    var worker = workers.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(TemporalFloorCallImpl.class);
    worker.registerActivitiesImplementations(new GraphImpl());
    workers.start();
  }

  String callbackUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
  }

  private String promptUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/prompt.wav";
  }

  static String workflowId(String callId) {
    return "tfloor-" + key(callId);
  }

  WorkflowClient client() {
    return client;
  }

  private static String key(String callId) {
    return callId.replace("-", "").toLowerCase(Locale.ROOT);
  }

  /** Each notification to its call's workflow (signalWithStart), then 202: accepted once Temporal has it. */
  private void onNotification(HttpExchange ex) throws IOException {
    try (ex; InputStream in = ex.getRequestBody()) {
      JsonNode body = JSON.readTree(in);
      for (JsonNode item : body.path("value")) {
        String[] url = item.path("resourceUrl").asText().split("/");
        if (url.length < 4) continue;
        String callId = url[3];
        JsonNode data = item.path("resourceData");
        Event event = new Event(data.path("@odata.type").asText(), data.path("state").asText(),
            data.path("toneInfo").path("tone").asText(null), data.path("status").asText(null),
            url.length > 5 ? url[5] : data.path("id").asText(null), data.path("recordingLocation").asText(null),
            data.path("recordingAccessToken").asText(null));
        WorkflowOptions options = WorkflowOptions.newBuilder().setWorkflowId(workflowId(callId)).setTaskQueue(TASK_QUEUE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE).build();
        client.newUntypedWorkflowStub("TemporalFloorCall", options)
            .signalWithStart("notification", new Object[] {event}, new Object[] {callId});
      }
      ex.sendResponseHeaders(202, -1);
    } catch (RuntimeException e) {
      ex.sendResponseHeaders(500, -1);
    }
  }

  private void send(String method, String graphPath, String json) throws IOException {
    Floor.send(emulator, token, method, graphPath, json);
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
    pool.shutdownNow();
  }
}
