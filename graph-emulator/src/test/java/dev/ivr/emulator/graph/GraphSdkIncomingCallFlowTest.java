package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.graph.communications.calls.item.answer.AnswerPostRequestBody;
import com.microsoft.graph.communications.calls.item.playprompt.PlayPromptPostRequestBody;
import com.microsoft.graph.communications.calls.item.recordresponse.RecordResponsePostRequestBody;
import com.microsoft.graph.models.MediaInfo;
import com.microsoft.graph.models.MediaPrompt;
import com.microsoft.graph.models.Modality;
import com.microsoft.graph.models.Prompt;
import com.microsoft.graph.models.ServiceHostedMediaConfig;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphEmulatorExtension;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.SdkClients;
import dev.ivr.emulator.media.Wav;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The first-cut happy path, driven with the real Graph SDK and a token from msal4j. */
class GraphSdkIncomingCallFlowTest {

  @RegisterExtension
  static GraphEmulatorExtension graph = new GraphEmulatorExtension(EmulatorConfig.defaults().withTimeScale(20));

  BotEndpoint bot;
  GraphServiceClient client;

  @BeforeEach
  void setUp() throws Exception {
    bot = new BotEndpoint();
    GraphEmulator emulator = graph.emulator();
    var msal = SdkClients.msal(emulator, emulator.config().clientSecret());
    client = SdkClients.graph(emulator, () -> {
      try {
        return SdkClients.acquireToken(msal);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @AfterEach
  void tearDown() {
    bot.close();
  }

  @Test
  void answerPlayRecordHangUp_withTheGraphSdk_yieldsTheDocumentedNotificationsAndARealWav() {
    GraphEmulator emulator = graph.emulator();
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
    bot.awaitIncoming();

    var answer = new AnswerPostRequestBody();
    answer.setAcceptedModalities(List.of(Modality.Audio));
    answer.setMediaConfig(new ServiceHostedMediaConfig());
    answer.setCallbackUri(bot.callbackUri());
    client.communications().calls().byCallId(callId).answer().post(answer);
    bot.awaitCall(callId, "updated", "establishing");
    var established = bot.awaitCall(callId, "updated", "established");
    assertThat(established.data().has("mediaState")).as("call-answer's established has the state alone").isFalse();

    String welcome = bot.prompt("welcome.wav", Wav.silence(1.0));
    var play = new PlayPromptPostRequestBody();
    play.setClientContext("play-1");
    play.setPrompts(List.<Prompt>of(prompt(welcome)));
    var playOp = client.communications().calls().byCallId(callId).playPrompt().post(play);
    assertThat(playOp.getId()).isNotBlank();
    assertThat(playOp.getClientContext()).isEqualTo("play-1");
    var playDone = bot.awaitOperation(callId, playOp.getId());
    assertThat(playDone.changeType()).isEqualTo("deleted");
    assertThat(playDone.data().path("status").asText()).isEqualTo("completed");
    assertThat(playDone.data().path("resultInfo").path("code").asInt()).isEqualTo(200);

    var record = new RecordResponsePostRequestBody();
    record.setClientContext("rec-1");
    record.setMaxRecordDurationInSeconds(5);
    record.setPlayBeep(true);
    var recOp = client.communications().calls().byCallId(callId).recordResponse().post(record);
    var recDone = bot.awaitOperation(callId, recOp.getId()).data();
    assertThat(recDone.path("@odata.type").asText()).isEqualTo("#microsoft.graph.recordOperation");
    assertThat(recDone.path("status").asText()).isEqualTo("completed");
    assertThat(recDone.path("resultInfo").path("subcode").asInt()).isEqualTo(8515);
    assertThat(recDone.path("id").asText()).isEqualTo(recOp.getId());
    String location = recDone.path("recordingLocation").asText();
    String token = recDone.path("recordingAccessToken").asText();
    assertThat(location).startsWith(emulator.baseUrl() + "/recordings/");

    var download = new GraphHttp(emulator).download(location, token, null);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type")).contains("application/octet-stream");
    byte[] wav = download.body();
    assertThat(wav).isEqualTo(emulator.recordingBytes(callId, recOp.getId()));
    Wav.Format f = Wav.read(wav);
    assertThat(f.isGraphCompatible()).isTrue();
    assertThat(f.durationSeconds()).isEqualTo(5.0);
    assertThat(wav).hasSize(44 + 5 * 32000);

    client.communications().calls().byCallId(callId).delete();
    bot.awaitCall(callId, "updated", "terminating");
    var terminated = bot.awaitCall(callId, "deleted", "terminated");
    assertThat(terminated.data().path("resultInfo").path("code").asText()).isEqualTo("200");
    assertThat(terminated.data().path("resultInfo").path("subcode").asText()).isEqualTo("5001");
    assertThat(emulator.call(callId).state()).isEqualTo("terminated");
  }

  private static MediaPrompt prompt(String uri) {
    var info = new MediaInfo();
    info.setUri(uri);
    info.setResourceId(java.util.UUID.randomUUID().toString());
    var p = new MediaPrompt();
    p.setMediaInfo(info);
    return p;
  }
}
