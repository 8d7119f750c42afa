package dev.ivr.activities.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivr.recordings.FileSystemRecordingStore;
import dev.ivr.recordings.RecordingStore;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.graph.DownloadRecording;
import dev.ivr.workflows.graph.RecordingActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download activity against a real HTTP server, storing into the file system;
 * {@code RecordingActivitiesOnBlobStorageTest} runs the same tests against Azure Blob Storage.
 */
class RecordingActivitiesImplTest {
  private static final String RECORDING_ID = "call-0a1b2c/3";

  @TempDir Path root;
  private TestActivityEnvironment env;
  private RecordingActivities activities;
  protected RecordingStore store;
  private final List<Long> heartbeats = new CopyOnWriteArrayList<>();
  private RecordingServer server;

  /** Where the activity stores recordings. */
  protected RecordingStore newStore(Path root) {
    return new FileSystemRecordingStore(root.resolve("recordings"));
  }

  /** Whether a partial object of the recording is left in the store. */
  protected boolean partialLeft(String recordingId) {
    return Files.exists(root.resolve("recordings/" + recordingId + ".wav.part"));
  }

  @BeforeEach
  void setUp() throws IOException {
    env = TestActivityEnvironment.newInstance();
    store = newStore(root);
    env.registerActivitiesImplementations(
        new RecordingActivitiesImpl(store, Duration.ofSeconds(5), Duration.ofSeconds(30)));
    env.setActivityHeartbeatListener(Long.class, heartbeats::add);
    activities = env.newActivityStub(RecordingActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
    env.close();
  }

  @Test
  void storesTheServedBytes_andMeasuresThem() throws Exception {
    byte[] wav = Wavs.pcm16kMono(5_000);
    server = new RecordingServer(wav, "audio/wav");

    RecordingStored stored = activities.downloadRecording(request(server.location(), RecordingServer.TOKEN));

    String location = store.find(RECORDING_ID).orElseThrow().location();
    assertThat(storedBytes(location)).isEqualTo(wav);
    assertThat(stored).isEqualTo(new RecordingStored("record-1", "op-1", "stopToneDetected", location,
        wav.length, 5_000, sha256(wav)));
    assertThat(server.requests).singleElement().satisfies(r -> {
      assertThat(r.authorization()).isEqualTo("Bearer " + RecordingServer.TOKEN);
      assertThat(r.range()).isNull();
    });
    // Temporal throttles heartbeats; those that get through carry the bytes stored so far.
    assertThat(heartbeats).isNotEmpty().allSatisfy(bytes -> assertThat(bytes).isBetween(1L, (long) wav.length));
    assertThat(partialLeft(RECORDING_ID)).isFalse();
  }

  @Test
  void secondCallForTheSameRecording_returnsTheStoredOneWithoutDownloading() throws Exception {
    byte[] wav = Wavs.pcm16kMono(1_200);
    server = new RecordingServer(wav, "audio/wav");
    RecordingStored first = activities.downloadRecording(request(server.location(), RecordingServer.TOKEN));

    RecordingStored second = activities.downloadRecording(request(server.location(), RecordingServer.TOKEN));

    assertThat(second).isEqualTo(first);
    assertThat(server.downloads.get()).isEqualTo(1);
  }

  @Test
  void missingRecording_isGoneAndNotRetried() throws Exception {
    server = new RecordingServer(Wavs.pcm16kMono(500), "audio/wav");

    assertThatThrownBy(() -> activities.downloadRecording(request(server.uri("/recordings/other"), RecordingServer.TOKEN)))
        .isInstanceOf(ActivityFailure.class)
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(RecordingActivities.RECORDING_GONE);
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getOriginalMessage()).contains("HTTP 404").doesNotContain("secret-signature");
        });
    assertThat(store.find(RECORDING_ID)).isEmpty();
    assertThat(partialLeft(RECORDING_ID)).isFalse();
  }

  @Test
  void rejectedToken_isGoneAndNotRetried() throws Exception {
    server = new RecordingServer(Wavs.pcm16kMono(500), "audio/wav");

    assertThatThrownBy(() -> activities.downloadRecording(request(server.location(), "expired-token")))
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(RecordingActivities.RECORDING_GONE);
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getOriginalMessage()).doesNotContain("expired-token");
        });
  }

  @Test
  void bodyThatIsNotAWav_isRejectedAndNotStored() throws Exception {
    byte[] html = "<html><body>Sign in to continue</body></html>".repeat(100).getBytes(StandardCharsets.UTF_8);
    server = new RecordingServer(html, "text/html");

    assertThatThrownBy(() -> activities.downloadRecording(request(server.location(), RecordingServer.TOKEN)))
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(RecordingActivities.NOT_WAV);
          assertThat(failure.isNonRetryable()).isTrue();
        });
    assertThat(store.find(RECORDING_ID)).isEmpty();
    assertThat(partialLeft(RECORDING_ID)).isFalse();
  }

  @Test
  void failureMidStream_isRetryable_andTheRetryResumesWithRange() throws Exception {
    byte[] wav = Wavs.pcm16kMono(8_000);
    server = new RecordingServer(wav, "audio/wav");
    server.failAfterBytes = 150_000;

    assertThatThrownBy(() -> activities.downloadRecording(request(server.location(), RecordingServer.TOKEN)))
        .cause().isInstanceOfSatisfying(ApplicationFailure.class,
            failure -> assertThat(failure.isNonRetryable()).isFalse());
    long lastHeartbeat = heartbeats.get(heartbeats.size() - 1);
    assertThat(lastHeartbeat).isPositive().isLessThan(wav.length);

    env.setHeartbeatDetails(lastHeartbeat); // what Temporal hands the next attempt
    RecordingStored stored = activities.downloadRecording(request(server.location(), RecordingServer.TOKEN));

    assertThat(server.requests).hasSize(2);
    assertThat(server.requests.get(1).range()).isEqualTo("bytes=" + lastHeartbeat + "-");
    assertThat(partialLeft(RECORDING_ID)).as("the failed attempt's partial object").isFalse();
    assertThat(storedBytes(stored.location())).isEqualTo(wav);
    assertThat(stored.sha256()).isEqualTo(sha256(wav));
    assertThat(stored.sizeBytes()).isEqualTo(wav.length);
    assertThat(stored.durationMillis()).isEqualTo(8_000);
  }

  @Test
  void serverThatIgnoresRange_isDownloadedAgainFromTheStart() throws Exception {
    byte[] wav = Wavs.pcm16kMono(8_000);
    server = new RecordingServer(wav, "audio/wav");
    server.failAfterBytes = 150_000;
    server.honourRange = false;
    assertThatThrownBy(() -> activities.downloadRecording(request(server.location(), RecordingServer.TOKEN)))
        .isInstanceOf(ActivityFailure.class);

    env.setHeartbeatDetails(heartbeats.get(heartbeats.size() - 1));
    RecordingStored stored = activities.downloadRecording(request(server.location(), RecordingServer.TOKEN));

    assertThat(server.requests.get(1).range()).isNotNull();
    assertThat(storedBytes(stored.location())).isEqualTo(wav);
    assertThat(stored.sha256()).isEqualTo(sha256(wav));
  }

  @Test
  void stalledBody_failsTheAttemptRetryably() throws Exception {
    var stalling = TestActivityEnvironment.newInstance();
    try {
      stalling.registerActivitiesImplementations(
          new RecordingActivitiesImpl(store, Duration.ofSeconds(5), Duration.ofMillis(300)));
      RecordingActivities stub = stalling.newActivityStub(RecordingActivities.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build());
      server = new RecordingServer(Wavs.pcm16kMono(2_000), "audio/wav");
      server.stall = true;

      assertThatThrownBy(() -> stub.downloadRecording(request(server.location(), RecordingServer.TOKEN)))
          .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
            assertThat(failure.isNonRetryable()).isFalse();
            assertThat(failure.getOriginalMessage()).contains("no bytes for");
          });
      assertThat(store.find(RECORDING_ID)).isEmpty();
    } finally {
      stalling.close();
    }
  }

  @Test
  void plainHttpToANonLoopbackHost_isRefusedBeforeSendingTheToken() {
    assertThatThrownBy(() -> activities.downloadRecording(
        request("http://192.0.2.7/recordings/r1?sig=secret-signature", RecordingServer.TOKEN)))
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getOriginalMessage()).contains("https").doesNotContain("secret-signature");
        });
  }

  @Test
  void plainHttpToAnAllowedHost_isAccepted_andOnlyThatHost() {
    assertThat(RecordingLocation.checked("http://graph-emulator:8089/recordings/r1",
        java.util.Set.of("graph-emulator")).getHost()).isEqualTo("graph-emulator");
    assertThatThrownBy(() -> RecordingLocation.checked("http://graph-emulator:8089/recordings/r1",
        java.util.Set.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    assertThatThrownBy(() -> RecordingLocation.checked("http://192.0.2.7/recordings/r1",
        java.util.Set.of("graph-emulator")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static DownloadRecording request(String location, String token) {
    return new DownloadRecording(RECORDING_ID, "record-1", "op-1", "stopToneDetected", location, token);
  }

  private byte[] storedBytes(String location) throws IOException {
    try (InputStream in = store.findByLocation(location).orElseThrow().openStream()) {
      return in.readAllBytes();
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
