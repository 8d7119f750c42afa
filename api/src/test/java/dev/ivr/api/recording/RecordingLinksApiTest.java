package dev.ivr.api.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.api.support.ApiHttp;
import dev.ivr.api.support.TemporalTestEnvironment;
import dev.ivr.recordings.RecordingLinks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Recordings at the worker's signed URLs: Graph's playback link and a delivery hook's download link. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"ivr.flows.dir=../flows", "ivr.flows.routing=../flows/routing.yaml", "ivr.prompts.dir=../flows/prompts",
      "ivr.notifications.auth.mode=disabled-for-development"})
@Import(TemporalTestEnvironment.class)
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class RecordingLinksApiTest {
  static final Path RECORDINGS = temp();
  static final String KEY = RecordingLinks.generateKey();
  static final RecordingLinks LINKS = RecordingLinks.withKey(KEY, "test");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("ivr.recordings.dir", RECORDINGS::toString);
    registry.add("ivr.media.signing-key", () -> KEY);
  }

  @Value("${local.server.port}")
  int port;

  ApiHttp api;
  byte[] wav;
  String location;

  @BeforeEach
  void setUp() throws IOException {
    api = new ApiHttp(port, Duration.ofSeconds(30));
    wav = wav(16_000);
    location = Files.write(Files.createDirectories(RECORDINGS.resolve("call-a")).resolve("2-record.wav"), wav).toString();
  }

  @Test
  void aPlaybackLink_servesTheWav_toAnyoneWhoHoldsIt() {
    HttpResponse<byte[]> response = api.get("/media/recordings/" + sign(RecordingLinks.PLAY, location) + ".wav");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/wav");
    assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
    assertThat(response.body()).isEqualTo(wav);
  }

  @Test
  void aDownloadLink_isAnAttachment_withRanges() {
    String path = "/media/downloads/" + sign(RecordingLinks.DOWNLOAD, location) + ".wav";

    HttpResponse<byte[]> whole = api.get(path);
    HttpResponse<byte[]> part = api.get(path, "Range", "bytes=44-143");

    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"recording.wav\"");
    assertThat(whole.body()).isEqualTo(wav);
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(wav, 44, 144));
  }

  @Test
  void expiredForgedMalformedOrMisdirectedLinks_areRefused_403_tellingNothing(CapturedOutput output) {
    String valid = sign(RecordingLinks.PLAY, location);
    String expired = LINKS.sign(RecordingLinks.PLAY, location, Instant.now().minusSeconds(600), Duration.ofMinutes(5));
    String otherKey = RecordingLinks.withKey(RecordingLinks.generateKey(), "test")
        .sign(RecordingLinks.PLAY, location, Instant.now(), Duration.ofMinutes(5));
    String payload = valid.substring(0, valid.indexOf('.'));
    String tampered = payload.substring(0, payload.length() - 2) + (payload.endsWith("AA") ? "BB" : "AA")
        + valid.substring(valid.indexOf('.'));
    for (String path : new String[] {
        "/media/recordings/" + expired + ".wav",
        "/media/recordings/" + otherKey + ".wav",
        "/media/recordings/" + tampered + ".wav",
        "/media/recordings/not-a-token.wav",
        "/media/downloads/" + valid + ".wav"}) {
      HttpResponse<byte[]> response = api.get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(403);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      String body = new String(response.body(), StandardCharsets.UTF_8);
      assertThat(body).doesNotContain("call-a", "2-record", RECORDINGS.toString());
    }
    assertThat(output.getAll()).doesNotContain(valid.substring(valid.indexOf('.') + 1), expired, "call-a/2-record");
  }

  @Test
  void aValidLinkToARecordingNoLongerKept_is404() throws IOException {
    String token = sign(RecordingLinks.PLAY, location);
    Files.delete(Path.of(location));

    HttpResponse<byte[]> response = api.get("/media/recordings/" + token + ".wav");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("call-a");
  }

  @Test
  void aLinkOutsideTheStore_isNeverServed() throws IOException {
    Path outside = Files.writeString(Files.createTempFile("ivr-outside-", ".wav"), "not a recording");

    assertThat(api.get("/media/recordings/" + sign(RecordingLinks.PLAY, outside.toString()) + ".wav").statusCode())
        .isEqualTo(404);
  }

  private static String sign(String purpose, String location) {
    return LINKS.sign(purpose, location, Instant.now(), Duration.ofMinutes(5));
  }

  /** A 16 kHz mono 16-bit PCM WAV of {@code samples} samples, as the emulator records. */
  static byte[] wav(int samples) {
    ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII))
        .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(16_000).putInt(32_000).putShort((short) 2).putShort((short) 16)
        .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
    for (int i = 0; i < samples; i++) {
      b.putShort((short) (Math.sin(i / 10.0) * 8000));
    }
    return b.array();
  }

  private static Path temp() {
    try {
      return Files.createTempDirectory("ivr-recordings-").toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
