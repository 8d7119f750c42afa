package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.communications.calls.item.recordresponse.RecordResponsePostRequestBody;
import com.microsoft.graph.models.Call;
import com.microsoft.graph.models.CommunicationsIdentitySet;
import com.microsoft.graph.models.Identity;
import com.microsoft.graph.models.InvitationParticipantInfo;
import com.microsoft.graph.models.Modality;
import com.microsoft.graph.models.ParticipantInfo;
import com.microsoft.graph.models.ServiceHostedMediaConfig;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.Callee;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.SdkClients;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "done when": the SDK, with a token from the token endpoint, creates a call and gets 400 for 500 s. */
class GraphSdkOutboundCallTest extends CallTestSupport {

  @Test
  void sdkCreatesAnOutboundPstnCall_whichEstablishes_andRecordResponseWith500sIsRejectedWith400() {
    GraphEmulator emulator = graph.emulator();
    String token = new GraphHttp(emulator).token();
    GraphServiceClient client = SdkClients.graph(emulator, () -> token);

    Call created = client.communications().calls().post(outbound("+14255550199"));
    String callId = created.getId();
    assertThat(callId).isNotBlank();
    assertThat(created.getCallChainId()).isNotBlank();
    assertThat(created.getMyParticipantId()).isNotBlank();
    assertThat(emulator.call(callId).direction()).isEqualTo("outgoing");
    bot.awaitCall(callId, "updated", "establishing");
    bot.awaitCall(callId, "updated", "established");

    var record = new RecordResponsePostRequestBody();
    record.setMaxRecordDurationInSeconds(500);
    assertThatThrownBy(() -> client.communications().calls().byCallId(callId).recordResponse().post(record))
        .isInstanceOfSatisfying(ODataError.class, e -> {
          assertThat(e.getResponseStatusCode()).isEqualTo(400);
          assertThat(e.getError().getMessage()).contains("maxRecordDurationInSeconds");
        });

    emulator.hangUp(callId);
    var end = bot.awaitCall(callId, "deleted", "terminated");
    assertThat(end.data().path("resultInfo").path("subcode").asInt()).isEqualTo(560000);
  }

  @Test
  void createCall_is201WithLocation_andTheFullCallBody() {
    GraphEmulator emulator = graph.emulator();
    var http = new GraphHttp(emulator);
    var r = http.post("/communications/calls", GraphHttp.rawOutbound(bot.callbackUri(), "+14255550100", true));
    assertThat(r.statusCode()).isEqualTo(201);
    var call = GraphHttp.json(r.body());
    assertThat(r.headers().firstValue("Location")).contains(emulator.graphBaseUrl() + "/communications/calls/" + call.get("id").asText());
    assertThat(call.get("@odata.context").asText()).contains("$metadata#communications/calls/$entity");
    assertThat(call.get("state").asText()).isEqualTo("establishing");
    assertThat(call.get("direction").asText()).isEqualTo("outgoing");
    assertThat(call.get("resultInfo").isNull()).isTrue();
    assertThat(call.get("toneInfo").isNull()).isTrue();
    assertThat(http.get("/communications/calls/" + call.get("id").asText()).statusCode()).isEqualTo(200);
  }

  @Test
  void outboundPstnWithoutApplicationInstance_isRefused() {
    var r = new GraphHttp(graph.emulator()).post("/communications/calls", GraphHttp.rawOutbound(bot.callbackUri(), "+14255550100", false));
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void calleeWhoNeverAnswers_endsWith408_10057_andUnreachableWith480_10076() {
    GraphEmulator emulator = graph.emulator();
    emulator.registerCallee("+14255550111", Callee.of(Callee.Outcome.NO_ANSWER));
    emulator.registerCallee("+14255550112", Callee.of(Callee.Outcome.UNREACHABLE));
    var http = new GraphHttp(emulator);
    String a = GraphHttp.json(http.post("/communications/calls", GraphHttp.rawOutbound(bot.callbackUri(), "+14255550111", true, ",\"ringingTimeoutInSeconds\":15")).body()).get("id").asText();
    String b = GraphHttp.json(http.post("/communications/calls", GraphHttp.rawOutbound(bot.callbackUri(), "+14255550112", true)).body()).get("id").asText();
    var endA = bot.awaitCall(a, "deleted", "terminated").data().path("resultInfo");
    var endB = bot.awaitCall(b, "deleted", "terminated").data().path("resultInfo");
    assertThat(endA.path("code").asInt()).isEqualTo(408);
    assertThat(endA.path("subcode").asInt()).isEqualTo(10057);
    assertThat(endB.path("code").asInt()).isEqualTo(480);
    assertThat(endB.path("subcode").asInt()).isEqualTo(10076);
    assertThat(bot.items(a)).noneMatch(i -> "established".equals(i.state()));
  }

  @Test
  void busyDeclinedAndAnyOtherCallee_endTheCallTerminatedWithTheirResultInfo() {
    GraphEmulator emulator = graph.emulator();
    emulator.registerCallee("+14255550121", Callee.of(Callee.Outcome.BUSY));
    emulator.registerCallee("+14255550122", Callee.of(Callee.Outcome.DECLINED));
    emulator.registerCallee("+14255550123", Callee.of(Callee.Outcome.UNREACHABLE).withResult(408, 8544, "Callee Unreachable."));
    emulator.registerCallee("+14255550124", Callee.of(Callee.Outcome.NO_ENDPOINTS));
    var http = new GraphHttp(emulator);
    int[][] expected = {{121, 486, 8539}, {122, 603, 8538}, {123, 408, 8544}, {124, 480, 10037}};
    for (int[] e : expected) {
      String id = GraphHttp.json(http.post("/communications/calls",
          GraphHttp.rawOutbound(bot.callbackUri(), "+14255550" + e[0], true)).body()).get("id").asText();
      var end = bot.awaitCall(id, "deleted", "terminated").data();
      assertThat(end.path("state").asText()).isEqualTo("terminated");
      assertThat(end.path("resultInfo").path("code").asText()).isEqualTo(String.valueOf(e[1]));
      assertThat(end.path("resultInfo").path("subcode").asText()).isEqualTo(String.valueOf(e[2]));
      assertThat(bot.items(id)).noneMatch(i -> "established".equals(i.state()));
    }
  }

  @Test
  void outgoingCallNotifications_carryTheItemLevelCallbackUri_andTheCallId_asApplicationPostCallsShows() {
    GraphEmulator emulator = graph.emulator();
    var http = new GraphHttp(emulator);
    String id = GraphHttp.json(http.post("/communications/calls", GraphHttp.rawOutbound(bot.callbackUri(), "+14255550130", true))
        .body()).get("id").asText();
    var establishing = bot.awaitCall(id, "updated", "establishing");
    var established = bot.awaitCall(id, "updated", "established");
    assertThat(establishing.json().path("callbackUri").asText()).isEqualTo(bot.callbackUri());
    assertThat(established.json().path("callbackUri").asText()).isEqualTo(bot.callbackUri());
    assertThat(establishing.data().path("id").asText()).isEqualTo(id);
    assertThat(established.data().path("direction").asText()).isEqualTo("outgoing");
    assertThat(established.data().path("id").asText()).isEqualTo(id);
  }

  private Call outbound(String phone) {
    var instance = new Identity();
    instance.setId("11111111-2222-4333-8444-555555555555");
    instance.setDisplayName("IVR");
    var sourceIdentity = new CommunicationsIdentitySet();
    sourceIdentity.setApplicationInstance(instance);
    var source = new ParticipantInfo();
    source.setIdentity(sourceIdentity);
    var phoneId = new Identity();
    phoneId.setId(phone);
    var targetIdentity = new CommunicationsIdentitySet();
    targetIdentity.setPhone(phoneId);
    var target = new InvitationParticipantInfo();
    target.setIdentity(targetIdentity);
    var call = new Call();
    call.setCallbackUri(bot.callbackUri());
    call.setSource(source);
    call.setTargets(List.of(target));
    call.setRequestedModalities(List.of(Modality.Audio));
    call.setMediaConfig(new ServiceHostedMediaConfig());
    call.setTenantId(graph.emulator().config().tenantId());
    return call;
  }
}
