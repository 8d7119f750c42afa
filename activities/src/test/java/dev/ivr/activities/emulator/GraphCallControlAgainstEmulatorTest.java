package dev.ivr.activities.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivr.activities.graph.GraphCallActivitiesImpl;
import dev.ivr.activities.graph.GraphClients;
import dev.ivr.activities.graph.GraphSettings;
import dev.ivr.emulator.CallView;
import dev.ivr.emulator.Callee;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphEmulatorExtension;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.JournalEntry;
import dev.ivr.emulator.media.Wav;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.graph.AnswerCall;
import dev.ivr.workflows.graph.CancelMediaProcessing;
import dev.ivr.workflows.graph.CreateCall;
import dev.ivr.workflows.graph.GraphCallActivities;
import dev.ivr.workflows.graph.HangUp;
import dev.ivr.workflows.graph.KeepAlive;
import dev.ivr.workflows.graph.OperationStarted;
import dev.ivr.workflows.graph.PlayPrompt;
import dev.ivr.workflows.graph.SubscribeToTone;
import dev.ivr.workflows.graph.TransferCall;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Outbound calls, DTMF subscription, cancelling media and transfer against the Graph emulator over
 * real HTTP, asserting both the JSON the emulator received (its journal) and the notifications that
 * followed.
 */
class GraphCallControlAgainstEmulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  final GraphEmulatorExtension graph = new GraphEmulatorExtension(EmulatorConfig.defaults().withTimeScale(20));

  private GraphEmulator emulator;
  private CallbackEndpoint bot;
  private GraphCallActivities activities;

  @BeforeEach
  void setUp() throws Exception {
    emulator = graph.emulator();
    bot = new CallbackEndpoint();
    EmulatorConfig config = emulator.config();
    var settings = new GraphSettings(emulator.graphBaseUrl(), null, config.tenantId(), config.clientId(),
        config.clientSecret(), emulator.baseUrl(), null);
    activities = new GraphCallActivitiesImpl(GraphClients.create(settings));
  }

  @AfterEach
  void tearDown() {
    bot.close();
  }

  @Test
  void createCall_toAPhoneNumber_fromTheApplicationInstance_getsEstablished() throws Exception {
    String hello = bot.prompt("hello.wav", Wav.silence(1.0));
    String callback = bot.callbackUri() + "?workflowId=call-out-1";

    String callId = activities.createCall(new CreateCall(callback, emulator.config().tenantId(), "instance-1",
        "+12065550100", null, List.of(new MediaRef(hello, "res-hello", 1_000))));

    assertThat(callId).isNotBlank();
    bot.awaitCallState(callId, "established");
    CallView view = emulator.call(callId);
    assertThat(view.direction()).isEqualTo("outgoing");
    assertThat(view.callbackUri()).isEqualTo(callback);
    assertThat(JSON.readTree(requestBody("POST", "/v1.0/communications/calls"))).isEqualTo(JSON.readTree("""
        {"callbackUri":"%s",
         "mediaConfig":{"@odata.type":"#microsoft.graph.serviceHostedMediaConfig",
           "preFetchMedia":[{"resourceId":"res-hello","uri":"%s"}]},
         "requestedModalities":["audio"],
         "source":{"identity":{"@odata.type":"#microsoft.graph.communicationsIdentitySet",
           "applicationInstance":{"id":"instance-1"}}},
         "targets":[{"identity":{"@odata.type":"#microsoft.graph.communicationsIdentitySet",
           "phone":{"id":"+12065550100"}}}],
         "tenantId":"%s"}
        """.formatted(callback, hello, emulator.config().tenantId())));

    activities.hangUp(new HangUp(callId));
    bot.awaitCallState(callId, "terminated");
  }

  @Test
  void createCall_toATeamsUser_withoutSource_getsEstablished() throws Exception {
    String callId = activities.createCall(new CreateCall(bot.callbackUri(), null, null, null,
        "8d3c5a1e-0000-4000-8000-000000000001", List.of()));

    bot.awaitCallState(callId, "established");
    JsonNode body = JSON.readTree(requestBody("POST", "/v1.0/communications/calls"));
    assertThat(body.has("source")).isFalse();
    assertThat(body.path("targets").get(0).path("identity").path("user").path("id").asText())
        .isEqualTo("8d3c5a1e-0000-4000-8000-000000000001");
    activities.hangUp(new HangUp(callId));
  }

  @Test
  void createCall_toAPhoneWithoutApplicationInstance_isForbidden_andFinal() {
    assertThatThrownBy(() -> activities.createCall(
        new CreateCall(bot.callbackUri(), null, null, "+12065550100", null, List.of())))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("GraphForbidden");
          assertThat(failure.isNonRetryable()).isTrue();
        });
  }

  @Test
  void createCall_toAnUnreachableNumber_isCreated_thenTerminatedWithItsResultInfo() {
    emulator.registerCallee("+12065550199", Callee.of(Callee.Outcome.UNREACHABLE));

    String callId = activities.createCall(
        new CreateCall(bot.callbackUri(), null, "instance-1", "+12065550199", null, List.of()));

    JsonNode terminated = bot.awaitCallState(callId, "terminated");
    assertThat(terminated.path("resultInfo").path("code").asInt()).isEqualTo(480);
    assertThat(terminated.path("resultInfo").path("subcode").asInt()).isEqualTo(10076);
  }

  @Test
  void subscribeToTone_completesAtOnce_andKeysArriveAsToneInfo() throws Exception {
    String callId = answeredIncomingCall(CallerScript.silent());

    OperationStarted started = activities.subscribeToTone(new SubscribeToTone(callId, "call-d:tones"));

    assertThat(started.status()).isEqualTo("completed");
    assertThat(started.isTerminal()).isTrue();
    assertThat(started.operationId()).isNotBlank();
    assertThat(emulator.call(callId).toneSubscribed()).isTrue();
    assertThat(JSON.readTree(requestBody("POST", "/v1.0/communications/calls/" + callId + "/subscribeToTone")))
        .isEqualTo(JSON.readTree("{\"clientContext\":\"call-d:tones\"}"));

    emulator.pressKeys(callId, "5");
    JsonNode tone = bot.awaitNotification(n -> CallbackEndpoint.isCall(n, callId)
        && n.path("resourceData").has("toneInfo") && !n.path("resourceData").path("toneInfo").isNull(), "toneInfo");
    assertThat(tone.path("resourceData").path("toneInfo").path("tone").asText()).isEqualTo("tone5");
    assertThat(tone.path("resourceData").path("toneInfo").path("sequenceId").asLong()).isEqualTo(1);
    activities.hangUp(new HangUp(callId));
  }

  @Test
  void cancelMediaProcessing_completesAtOnce_andTheRunningAndQueuedPromptsFailWith8508() throws Exception {
    String callId = answeredIncomingCall(CallerScript.silent());
    String longPrompt = bot.prompt("long.wav", Wav.silence(60.0));
    OperationStarted running = activities.playPrompt(
        new PlayPrompt(callId, "call-c:1", List.of(new MediaRef(longPrompt, "res-long", 60_000))));
    OperationStarted queued = activities.playPrompt(
        new PlayPrompt(callId, "call-c:2", List.of(new MediaRef(longPrompt, "res-long", 60_000))));

    OperationStarted cancel = activities.cancelMediaProcessing(new CancelMediaProcessing(callId, "call-c:cancel"));

    assertThat(cancel.status()).isEqualTo("completed");
    assertThat(JSON.readTree(requestBody("POST", "/v1.0/communications/calls/" + callId + "/cancelMediaProcessing")))
        .isEqualTo(JSON.readTree("{\"clientContext\":\"call-c:cancel\"}"));
    for (OperationStarted op : List.of(running, queued)) {
      JsonNode done = bot.awaitOperationDone(op.operationId());
      assertThat(done.path("status").asText()).isEqualTo("failed");
      assertThat(done.path("resultInfo").path("code").asInt()).isEqualTo(400);
      assertThat(done.path("resultInfo").path("subcode").asInt()).isEqualTo(8508);
    }
    activities.hangUp(new HangUp(callId));
  }

  @Test
  void transfer_toAPhoneNumber_endsTheCallWith7015() throws Exception {
    String callId = answeredIncomingCall(CallerScript.silent());

    activities.transfer(new TransferCall(callId, "call-t:1", "+441632960961", null, null));

    bot.awaitCallState(callId, "transferring");
    bot.awaitCallState(callId, "transferAccepted");
    JsonNode terminated = bot.awaitCallState(callId, "terminated");
    assertThat(terminated.path("resultInfo").path("subcode").asInt()).isEqualTo(7015);
    assertThat(JSON.readTree(requestBody("POST", "/v1.0/communications/calls/" + callId + "/transfer")))
        .isEqualTo(JSON.readTree("""
            {"clientContext":"call-t:1",
             "transferTarget":{"identity":{"@odata.type":"#microsoft.graph.communicationsIdentitySet",
               "phone":{"id":"+441632960961"}}}}
            """));
  }

  @Test
  void transfer_toATeamsUserWhoDoesNotAnswer_returnsTheCallToEstablished_withTheFailure() {
    emulator.registerCallee("user-away", Callee.of(Callee.Outcome.NO_ANSWER));
    String callId = answeredIncomingCall(CallerScript.silent());

    activities.transfer(new TransferCall(callId, "call-t:2", null, "user-away", null));

    bot.awaitCallState(callId, "transferring");
    JsonNode back = bot.awaitNotification(n -> CallbackEndpoint.isCall(n, callId)
        && "established".equals(n.path("resourceData").path("state").asText())
        && n.path("resourceData").path("resultInfo").path("code").asInt() == 500, "failed transfer");
    // call-transfer's examples: 500/7000, spelled subCode
    assertThat(back.path("resourceData").path("resultInfo").path("subCode").asInt()).isEqualTo(7000);
    assertThat(emulator.call(callId).ended()).isFalse();
    activities.hangUp(new HangUp(callId));
  }

  @Test
  void consultativeTransfer_sendsReplacesCallIdAndTheTransferee_andEndsAppTransferred() throws Exception {
    String callId = answeredIncomingCall(CallerScript.silent());

    activities.transfer(new TransferCall(callId, "call-t:4", null, "agent-1", null, "consult-call-1", "+14255550100",
        null));

    JsonNode terminated = bot.awaitCallState(callId, "terminated");
    assertThat(terminated.path("terminationReason").asText()).isEqualTo("AppTransferred");
    JsonNode body = JSON.readTree(requestBody("POST", "/v1.0/communications/calls/" + callId + "/transfer"));
    assertThat(body.path("transferTarget").path("replacesCallId").asText()).isEqualTo("consult-call-1");
    assertThat(body.path("transferTarget").path("identity").path("user").path("id").asText()).isEqualTo("agent-1");
    assertThat(body.path("transferee").path("identity").path("phone").path("id").asText()).isEqualTo("+14255550100");
  }

  @Test
  void redirect_ofAnUnansweredCall_toACalleeWhoAnswers_endsTheCall200() throws Exception {
    emulator.registerCallee("+441632960962", Callee.of(Callee.Outcome.ANSWER));
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withScript(CallerScript.silent()));

    activities.redirect(new dev.ivr.workflows.graph.RedirectCall(callId, bot.callbackUri(), "+441632960962", null, null,
        55));

    JsonNode terminated = bot.awaitCallState(callId, "terminated");
    assertThat(terminated.path("resultInfo").path("code").asInt()).isEqualTo(200);
    JsonNode body = JSON.readTree(requestBody("POST", "/v1.0/communications/calls/" + callId + "/redirect"));
    assertThat(body.path("targets").get(0).path("identity").path("phone").path("id").asText()).isEqualTo("+441632960962");
    assertThat(body.path("timeout").asInt()).isEqualTo(55);
  }

  @Test
  void keepAlive_isAcceptedOnALiveCall_andIsCallGoneOnceItEnded() throws Exception {
    String callId = answeredIncomingCall(CallerScript.silent());

    activities.keepAlive(new KeepAlive(callId));

    assertThat(emulator.journal(callId)).anySatisfy(entry -> {
      assertThat(entry.path()).isEqualTo("/v1.0/communications/calls/" + callId + "/keepAlive");
      assertThat(entry.status()).isEqualTo(200);
    });
    activities.hangUp(new HangUp(callId));
    bot.awaitCallState(callId, "terminated");
    assertThatThrownBy(() -> activities.keepAlive(new KeepAlive(callId)))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("CallGone");
          assertThat(failure.isNonRetryable()).isTrue();
        });
  }

  @Test
  void transfer_ofAnEndedCall_isCallGone() {
    String callId = answeredIncomingCall(CallerScript.silent());
    activities.hangUp(new HangUp(callId));
    bot.awaitCallState(callId, "terminated");

    assertThatThrownBy(() -> activities.transfer(new TransferCall(callId, "call-t:3", "+441632960961", null, null)))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(GraphCallActivities.CALL_GONE);
          assertThat(failure.isNonRetryable()).isTrue();
        });
  }

  private String answeredIncomingCall(CallerScript script) {
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withScript(script));
    activities.answer(new AnswerCall(callId, bot.callbackUri(), List.of()));
    bot.awaitCallState(callId, "established");
    return callId;
  }

  /** The body of the (only) request the emulator received with this method and path. */
  private String requestBody(String method, String path) {
    List<JournalEntry> matching = emulator.journal().stream()
        .filter(e -> e.isRequest() && e.method().equals(method) && e.path().equals(path))
        .toList();
    assertThat(matching).as(method + " " + path).hasSize(1);
    return matching.get(0).body();
  }
}
