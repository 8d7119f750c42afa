package dev.ivr.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.RetryOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What Temporal Java SDK 1.38.0 really encodes through {@code CodecDataConverter}, and key rotation
 * with a real (test) server: workers under key 1, then under keys 2+1, then under a key that lacks both.
 */
@Timeout(60)
class SdkCodecBehaviourTest {
  static final String TASK_QUEUE = "codec-probe";
  static final SearchAttributeKey<String> PROBE_SA = SearchAttributeKey.forKeyword("CustomKeywordField");
  static final String K1 = PayloadKeys.generateEntry("k1");
  static final String K2 = PayloadKeys.generateEntry("k2");

  @WorkflowInterface
  public interface Probe {
    @WorkflowMethod
    String run(String input);

    @SignalMethod
    void poke(String value);

    @QueryMethod
    String state();
  }

  @ActivityInterface
  public interface Failing {
    String fail(String input);
  }

  public static class FailingImpl implements Failing {
    @Override
    public String fail(String input) {
      throw ApplicationFailure.newNonRetryableFailure("failure-message-secret", "Probe", "failure-details-secret");
    }
  }

  public static class ProbeImpl implements Probe {
    private final List<String> pokes = new ArrayList<>();

    @Override
    public String run(String input) {
      Workflow.upsertTypedSearchAttributes(PROBE_SA.valueSet("search-attribute-value"));
      Failing failing = Workflow.newActivityStub(Failing.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(5)).setSummary("activity-summary-secret")
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
      try {
        failing.fail("activity-input-secret");
      } catch (ActivityFailure expected) {
        // the failure's message and details are in the history
      }
      Workflow.await(() -> pokes.size() >= 2);
      return "result-secret " + input + " " + pokes;
    }

    @Override
    public void poke(String value) {
      pokes.add(value);
    }

    @Override
    public String state() {
      return "query-answer-secret " + pokes;
    }
  }

  private TestWorkflowEnvironment env;
  private final List<WorkerFactory> factories = new ArrayList<>();

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
  }

  @AfterEach
  void stop() {
    factories.forEach(WorkerFactory::shutdownNow);
    env.close();
  }

  private WorkflowClient client(DataConverter converter) {
    WorkflowServiceStubs stubs = env.getWorkflowServiceStubs();
    return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
        .setNamespace(env.getNamespace()).setDataConverter(converter).build());
  }

  private WorkerFactory worker(DataConverter converter) {
    WorkerFactory factory = WorkerFactory.newInstance(client(converter));
    // no sticky queue: a later worker takes the next workflow task at once
    Worker worker = factory.newWorker(TASK_QUEUE, WorkerOptions.newBuilder()
        .setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
    worker.registerWorkflowImplementationTypes(ProbeImpl.class);
    worker.registerActivitiesImplementations(new FailingImpl());
    factory.start();
    factories.add(factory);
    return factory;
  }

  private WorkflowStub start(WorkflowClient client, String id) {
    WorkflowStub stub = client.newUntypedWorkflowStub("Probe", WorkflowOptions.newBuilder()
        .setWorkflowId(id).setTaskQueue(TASK_QUEUE)
        .setMemo(Map.of("memo", "memo-secret"))
        .setStaticSummary("static-summary-secret").setStaticDetails("static-details-secret").build());
    stub.start("input-secret");
    return stub;
  }

  /** Every string in the history JSON, and every base64 value decoded, so that nothing hides in base64. */
  private static String readable(String historyJson) {
    StringBuilder all = new StringBuilder(historyJson);
    Matcher base64 = Pattern.compile("\"([A-Za-z0-9+/=]{8,})\"").matcher(historyJson);
    while (base64.find()) {
      try {
        all.append('\n').append(new String(Base64.getDecoder().decode(base64.group(1)), StandardCharsets.ISO_8859_1));
      } catch (IllegalArgumentException notBase64) {
        // a plain string
      }
    }
    return all.toString();
  }

  @Test
  void everyPayloadButSearchAttributesIsEncrypted_failuresToo() {
    DataConverter k1 = PayloadEncryption.dataConverter(PayloadKeys.parse(K1));
    worker(k1);
    WorkflowClient client = client(k1);
    WorkflowStub stub = start(client, "probe-all");
    stub.signal("poke", "signal-secret-1");
    assertThat(stub.query("state", String.class)).startsWith("query-answer-secret");
    stub.signal("poke", "signal-secret-2");
    assertThat(stub.getResult(String.class)).isEqualTo("result-secret input-secret [signal-secret-1, signal-secret-2]");

    String json = client.fetchHistory("probe-all").toJson(true);
    String readable = readable(json);

    // search attributes are not encoded by the SDK: the server indexes them
    assertThat(readable).contains("search-attribute-value");
    for (String secret : List.of("input-secret", "memo-secret", "static-summary-secret", "static-details-secret",
        "activity-summary-secret", "activity-input-secret", "failure-details-secret", "signal-secret-1",
        "result-secret")) {
      assertThat(readable).as(secret).doesNotContain(secret);
    }
    // failure messages stay readable (encodeFailureAttributes off: log-grade text); their details do not
    assertThat(json).contains("failure-message-secret").doesNotContain("Encoded failure");
    // the client decodes memo and summary back
    var description = client.newUntypedWorkflowStub("probe-all").describe();
    assertThat(description.getMemo("memo", String.class)).isEqualTo("memo-secret");
    assertThat(description.getStaticSummary()).isEqualTo("static-summary-secret");
  }

  @Test
  void rotation_aCallStartedUnderKey1CompletesUnderKeys2And1_andAMissingKeyFailsTheTaskNamingIt()
      throws Exception {
    DataConverter k1 = PayloadEncryption.dataConverter(PayloadKeys.parse(K1));
    DataConverter k2k1 = PayloadEncryption.dataConverter(PayloadKeys.parse(K2 + "," + K1));
    WorkerFactory first = worker(k1);
    WorkflowStub underK1 = start(client(k1), "probe-rotation");
    underK1.signal("poke", "before rotation");
    WorkflowStub other = start(client(k1), "probe-missing-key");
    waitForEvent("probe-rotation", EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, 2);
    first.shutdownNow();
    first.awaitTermination(10, TimeUnit.SECONDS);

    // deploy: every client and worker now has key 2 first, key 1 kept
    worker(k2k1);
    WorkflowClient rotated = client(k2k1);
    rotated.newUntypedWorkflowStub("probe-rotation").signal("poke", "after rotation");
    assertThat(rotated.newUntypedWorkflowStub("probe-rotation").getResult(String.class))
        .isEqualTo("result-secret input-secret [before rotation, after rotation]");
    List<HistoryEvent> events = rotated.fetchHistory("probe-rotation").getEvents();
    assertThat(keyIdOfFirstPayload(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)).isEqualTo("k1");
    assertThat(keyIdOfFirstPayload(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)).isEqualTo("k2");
    for (WorkerFactory factory : factories) {
      factory.shutdownNow();
      factory.awaitTermination(10, TimeUnit.SECONDS);
    }

    // a worker that lacks key 1: the workflow task fails, visibly, naming the key; the call is not lost
    DataConverter k2only = PayloadEncryption.dataConverter(PayloadKeys.parse(K2));
    worker(k2only);
    client(k2only).newUntypedWorkflowStub("probe-missing-key").signal("poke", "x");
    HistoryEvent failed = waitForEvent("probe-missing-key", EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED, 1);
    var failure = failed.getWorkflowTaskFailedEventAttributes().getFailure();
    // readable as it is, without any key: the Web UI, the CLI and the console show it to everyone
    assertThat(failure.toString()).contains("key id \\'k1\\'");
    // the top message is the SDK's ("Failure handling event 4 … during replay"); the cause and the
    // stack trace, which the Web UI shows under it, name the key
    Throwable decoded = k2only.failureToException(failure);
    StringBuilder chain = new StringBuilder();
    for (Throwable t = decoded; t != null; t = t.getCause()) {
      chain.append(t.getMessage()).append('\n');
    }
    assertThat(chain).contains("during replay").contains("key id 'k1'");
    assertThat(client(k2only).newUntypedWorkflowStub("probe-missing-key").describe().getStatus().name())
        .isEqualTo("WORKFLOW_EXECUTION_STATUS_RUNNING");
  }

  private static String keyIdOfFirstPayload(List<HistoryEvent> events, EventType type) {
    HistoryEvent event = events.stream().filter(e -> e.getEventType() == type).findFirst().orElseThrow();
    var payload = type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED
        ? event.getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0)
        : event.getWorkflowExecutionCompletedEventAttributes().getResult().getPayloads(0);
    return EncryptionCodec.keyId(payload);
  }

  private HistoryEvent waitForEvent(String workflowId, EventType type, int nth) throws InterruptedException {
    WorkflowClient plain = client(PayloadEncryption.dataConverter(PayloadKeys.NONE));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      List<HistoryEvent> matching = plain.fetchHistory(workflowId).getEvents().stream()
          .filter(e -> e.getEventType() == type).toList();
      if (matching.size() >= nth) {
        return matching.get(nth - 1);
      }
      Thread.sleep(100);
    }
    throw new AssertionError(workflowId + ": no " + type + " #" + nth + " within 30 s");
  }
}
