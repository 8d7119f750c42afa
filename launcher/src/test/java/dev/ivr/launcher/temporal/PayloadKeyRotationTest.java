package dev.ivr.embedded.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.ivr.codec.EncryptionCodec;
import dev.ivr.codec.PayloadKeys;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.launcher.DemoCall;
import dev.ivr.embedded.EmbeddedSystem;
import dev.ivr.worker.CallWorker;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.event.GraphEventSignal;
import dev.ivr.workflows.event.ToneReceived;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys on a real server (the dev server), calls in flight: a call started under key 1 completes after the
 * worker is deployed with key 2 first (its history decodes with either); a worker that lacks key 1 fails
 * the call's workflow tasks visibly, naming the key, and the call completes once the key is back;
 * a tampered payload is rejected by the GCM tag, visibly. No call is lost.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PayloadKeyRotationTest {
  static final String K1 = PayloadKeys.generateEntry("k1");
  static final String K2 = PayloadKeys.generateEntry("k2");
  static final PayloadKeys KEY_1 = PayloadKeys.parse(K1);
  static final PayloadKeys KEYS_2_1 = PayloadKeys.parse(K2 + "," + K1);
  static final PayloadKeys KEY_2 = PayloadKeys.parse(K2);

  @TempDir static Path work;
  private static EmbeddedSystem system;
  private static WorkflowClient rotated;

  @BeforeAll
  static void start() throws Exception {
    system = EmbeddedSystem.start(EmbeddedSystem.Options.defaults()
        .withRecordingsDir(work.resolve("recordings"))
        .withApiArguments(WaitingCallFlows.apiArguments(work))
        .withPayloadKeys(KEY_1));
    rotated = WorkflowClient.newInstance(system.client().getWorkflowServiceStubs(),
        CallWorker.clientOptions("default", KEYS_2_1));
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void rotation_missingKey_andTampering_loseNoCall() throws Exception {
    // a call in its menu, started under key 1
    String first = waitingCall();
    // deploy: the worker gets key 2 first and keeps key 1 (the api still encrypts with key 1)
    system.restartWorker(KEYS_2_1);
    system.emulator().hangUp(first);
    CallResult result = rotated.newUntypedWorkflowStub(CallIds.workflowId(first)).getResult(60, TimeUnit.SECONDS,
        CallResult.class);
    assertThat(result.outcome()).isEqualTo(CallOutcome.CALLER_HUNG_UP);
    List<HistoryEvent> events = rotated.fetchHistory(CallIds.workflowId(first)).getEvents();
    assertThat(EncryptionCodec.keyId(events.get(0).getWorkflowExecutionStartedEventAttributes().getInput()
        .getPayloads(0))).isEqualTo("k1");
    assertThat(EncryptionCodec.keyId(last(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)
        .getWorkflowExecutionCompletedEventAttributes().getResult().getPayloads(0))).isEqualTo("k2");
    // histories written under key 1 still decode (the start input, with the new client)
    assertThat(rotated.fetchHistory(CallIds.workflowId(first)).getEvents()).isNotEmpty();

    // a worker that lacks key 1: the next workflow task of a call started under key 1 fails, naming it
    String second = waitingCallUnder(KEYS_2_1);
    system.restartWorker(KEY_2);
    system.emulator().hangUp(second);
    HistoryEvent failed = awaitEvent(CallIds.workflowId(second), EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
    String reason = chain(failed.getWorkflowTaskFailedEventAttributes().getFailure());
    assertThat(reason).contains("key id 'k1'").contains("[k2]");
    assertThat(status(second)).isEqualTo("RUNNING");
    // the console's call page says why, naming the key, instead of "Temporal cannot be reached"
    HttpResponse<String> console = awaitStuck("/api/calls/" + CallIds.workflowId(second));
    assertThat(console.body()).contains("is stuck").contains("key id 'k1'");
    // the key is back: the call goes on and ends as it should
    system.restartWorker(KEYS_2_1);
    assertThat(rotated.newUntypedWorkflowStub(CallIds.workflowId(second)).getResult(90, TimeUnit.SECONDS,
        CallResult.class).outcome()).isEqualTo(CallOutcome.CALLER_HUNG_UP);

    // tampered ciphertext: a signal whose payload had one bit flipped is rejected by the GCM tag
    String third = waitingCallUnder(KEYS_2_1);
    DataConverter converter = rotated.getOptions().getDataConverter();
    Payload sealed = converter.toPayload(new GraphEventSignal("tampered", System.currentTimeMillis(),
        new ToneReceived(99, "tone5"))).orElseThrow();
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 20] ^= 1;
    system.client().getWorkflowServiceStubs().blockingStub().signalWorkflowExecution(
        SignalWorkflowExecutionRequest.newBuilder().setNamespace("default")
            .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(CallIds.workflowId(third)))
            .setSignalName(CallIds.GRAPH_EVENT_SIGNAL)
            .setInput(Payloads.newBuilder().addPayloads(sealed.toBuilder().setData(ByteString.copyFrom(data))))
            .setIdentity("tamper-test").build());
    HistoryEvent rejected = awaitEvent(CallIds.workflowId(third), EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
    assertThat(chain(rejected.getWorkflowTaskFailedEventAttributes().getFailure()))
        .contains("key id 'k2'").contains("GCM").contains("tampered");
    assertThat(status(third)).isEqualTo("RUNNING");
    assertThat(awaitStuck("/api/calls/" + CallIds.workflowId(third)).body()).contains("GCM");
    rotated.newUntypedWorkflowStub(CallIds.workflowId(third)).terminate("test: tampered signal");
  }

  private static String waitingCall() throws Exception {
    return waitingCallUnder(KEY_1);
  }

  /** A call that waits in its 5-minute menu; {@code keys} read its search attributes. */
  private static String waitingCallUnder(PayloadKeys keys) throws Exception {
    String callId = system.emulator().raiseIncomingCall(IncomingCallSpec.to(system.endpoints().callbackUri())
        .withTarget(WaitingCallFlows.MENU_TARGET).withScript(CallerScript.of(new CallerScript.Wait(600))));
    WaitingCallFlows.awaitNode(WorkflowClient.newInstance(system.client().getWorkflowServiceStubs(),
        CallWorker.clientOptions("default", keys)), CallIds.workflowId(callId), "menu");
    return callId;
  }

  private static String status(String callId) {
    return rotated.newUntypedWorkflowStub(CallIds.workflowId(callId)).describe().getStatus().name()
        .replace("WORKFLOW_EXECUTION_STATUS_", "");
  }

  /** The failure's messages down its cause chain, as the worker's converter decodes them. */
  private static String chain(Failure failure) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = rotated.getOptions().getDataConverter().failureToException(failure); t != null;
        t = t.getCause()) {
      out.append(t.getMessage()).append('\n');
    }
    return out.toString();
  }

  private static HistoryEvent awaitEvent(String workflowId, EventType type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      List<HistoryEvent> events = rotated.fetchHistory(workflowId).getEvents();
      for (HistoryEvent event : events) {
        if (event.getEventType() == type) {
          return event;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError(workflowId + ": no " + type + " within 60 s");
  }

  private static HistoryEvent last(List<HistoryEvent> events, EventType type) {
    return events.stream().filter(e -> e.getEventType() == type).reduce((a, b) -> b).orElseThrow();
  }

  /** The console's answer once the call's workflow task has failed at least twice: 502 with the reason. */
  private static HttpResponse<String> awaitStuck(String path) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    HttpResponse<String> answer;
    do {
      answer = console(path);
      if (answer.statusCode() == 502) {
        return answer;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(path + ": no 502 within 60 s; last " + answer.statusCode() + " " + answer.body());
  }

  private static HttpResponse<String> console(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(system.endpoints().apiBaseUrl() + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            system.operatorCredentials().getBytes(StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
