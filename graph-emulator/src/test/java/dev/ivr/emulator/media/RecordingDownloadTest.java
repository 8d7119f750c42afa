package dev.ivr.emulator.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.IncomingCallSpec;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** recordingLocation serves the WAV only with the recordingAccessToken; Range resumes; both expire. */
class RecordingDownloadTest {

  final BotEndpoint bot = BotEndpoint.start();

  @AfterEach
  void tearDown() {
    bot.close();
  }

  @Test
  void recording_needsItsAccessToken_andNotTheGraphToken() {
    try (GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20))) {
      var rec = recordOnce(emulator);
      var http = new GraphHttp(emulator);
      assertThat(http.download(rec.location, null, null).statusCode()).isEqualTo(401);
      assertThat(http.download(rec.location, "wrong", null).statusCode()).isEqualTo(401);
      assertThat(http.download(rec.location, http.token(), null).statusCode()).isEqualTo(401);
      var ok = http.download(rec.location, rec.token, null);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("Transfer-Encoding")).contains("chunked");
      assertThat(http.download(emulator.baseUrl() + "/recordings/unknown", rec.token, null).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void rangeRequest_resumesTheDownloadWith206() throws Exception {
    try (GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20))) {
      var rec = recordOnce(emulator);
      var http = new GraphHttp(emulator);
      byte[] all = emulator.recordingBytes(rec.callId, rec.opId);
      var head = http.download(rec.location, rec.token, "bytes=0-999");
      assertThat(head.statusCode()).isEqualTo(206);
      var tail = http.download(rec.location, rec.token, "bytes=1000-");
      assertThat(tail.statusCode()).isEqualTo(206);
      assertThat(tail.headers().firstValue("Content-Range")).contains("bytes 1000-" + (all.length - 1) + "/" + all.length);
      var joined = new ByteArrayOutputStream();
      joined.write(head.body());
      joined.write(tail.body());
      assertThat(joined.toByteArray()).isEqualTo(all);
      assertThat(http.download(rec.location, rec.token, "bytes=" + all.length + "-").statusCode()).isEqualTo(416);
    }
  }

  @Test
  void renderedRecordingBytes_countsARecordingOnceItIsRendered() {
    try (GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20))) {
      var rec = recordOnce(emulator);
      long before = emulator.renderedRecordingBytes();
      byte[] wav = emulator.recordingBytes(rec.callId, rec.opId);
      assertThat(emulator.renderedRecordingBytes()).isEqualTo(before + wav.length);
      emulator.recordingBytes(rec.callId, rec.opId);
      assertThat(emulator.renderedRecordingBytes()).as("memoized, counted once").isEqualTo(before + wav.length);
    }
  }

  @Test
  void adminEndpoint_servesTheRawBytesWithoutAToken() {
    try (GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20))) {
      var rec = recordOnce(emulator);
      var resp = new GraphHttp(emulator).download(emulator.baseUrl() + "/admin/calls/" + rec.callId + "/recordings/" + rec.opId, null, null);
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.body()).isEqualTo(emulator.recordingBytes(rec.callId, rec.opId));
    }
  }

  @Test
  void recordingAccessToken_expires_then401() {
    try (GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20).withRecordingTokenTtlSeconds(2))) {
      var rec = recordOnce(emulator);
      var http = new GraphHttp(emulator);
      assertThat(BotEndpoint.eventually(() -> http.download(rec.location, rec.token, null).statusCode() == 401)).isTrue();
    }
  }

  @Test
  void recording_expiresAfterTheCallEnds_then404() {
    try (GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20).withRecordingRetentionSeconds(2))) {
      var rec = recordOnce(emulator);
      var http = new GraphHttp(emulator);
      assertThat(http.download(rec.location, rec.token, null).statusCode()).isEqualTo(200);
      http.delete("/communications/calls/" + rec.callId);
      assertThat(emulator.awaitCallEnded(rec.callId, Duration.ofSeconds(10))).isTrue();
      assertThat(BotEndpoint.eventually(() -> http.download(rec.location, rec.token, null).statusCode() == 404)).isTrue();
      assertThat(emulator.recordingBytes(rec.callId, rec.opId)).isNotEmpty();
    }
  }

  record Rec(String callId, String opId, String location, String token) {}

  Rec recordOnce(GraphEmulator emulator) {
    var http = new GraphHttp(emulator);
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
    GraphHttp.answerAndEstablish(http, bot, callId);
    var r = http.post("/communications/calls/" + callId + "/recordResponse", GraphHttp.record(""));
    String opId = GraphHttp.json(r.body()).get("id").asText();
    JsonNode done = bot.awaitOperation(callId, opId).data();
    return new Rec(callId, opId, done.path("recordingLocation").asText(), done.path("recordingAccessToken").asText());
  }
}
