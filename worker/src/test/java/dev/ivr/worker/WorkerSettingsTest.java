package dev.ivr.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerSettingsTest {
  private static final Map<String, String> MINIMAL = Map.of(
      WorkerSettings.GRAPH_TENANT_ID, "contoso.onmicrosoft.com",
      WorkerSettings.GRAPH_CLIENT_ID, "b0760000-0000-4000-8000-000000000001",
      WorkerSettings.GRAPH_CLIENT_SECRET, "s3cr3t-value");

  @Test
  void defaultsPointAtMicrosoftGraphAndALocalTemporal() {
    WorkerSettings settings = WorkerSettings.fromEnvironment(MINIMAL);

    assertThat(settings.temporalTarget()).isEqualTo("127.0.0.1:7233");
    assertThat(settings.namespace()).isEqualTo("default");
    assertThat(settings.graph().graphBaseUrl()).isEqualTo("https://graph.microsoft.com/v1.0");
    assertThat(settings.recordingsDir()).isEqualTo(Path.of("recordings"));
  }

  @Test
  void secretIsReadFromAFile_andNeverPrinted(@TempDir Path dir) throws Exception {
    Path secretFile = Files.writeString(dir.resolve("secret"), "from-a-file\n");
    var env = new java.util.HashMap<>(MINIMAL);
    env.remove(WorkerSettings.GRAPH_CLIENT_SECRET);
    env.put(WorkerSettings.GRAPH_CLIENT_SECRET + "_FILE", secretFile.toString());

    WorkerSettings settings = WorkerSettings.fromEnvironment(env);

    assertThat(settings.graph().clientSecret()).isEqualTo("from-a-file");
    assertThat(settings.toString()).doesNotContain("from-a-file");
  }

  @Test
  void theMediaSigningKey_fromTheEnvironmentOrAFile_isCheckedAndNeverPrinted(@TempDir Path dir) throws Exception {
    assertThat(WorkerSettings.fromEnvironment(MINIMAL).recordingUrls().enabled()).isFalse();
    String key = dev.ivr.recordings.RecordingLinks.generateKey();
    var env = new java.util.HashMap<>(MINIMAL);
    env.put("IVR_MEDIA_SIGNING_KEY_FILE", Files.writeString(dir.resolve("key"), key + "\n").toString());
    env.put("IVR_MEDIA_PLAYBACK_EXPIRY", "PT2M");

    WorkerSettings settings = WorkerSettings.fromEnvironment(env);

    assertThat(settings.recordingUrls().enabled()).isTrue();
    assertThat(settings.recordingUrls().toString()).contains("PT2M").doesNotContain(key);
    env.remove("IVR_MEDIA_SIGNING_KEY_FILE");
    env.put("IVR_MEDIA_SIGNING_KEY", "too-short");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WorkerSettings.fromEnvironment(env))
        .hasMessageContaining("IVR_MEDIA_SIGNING_KEY must be at least 32 characters").hasMessageNotContaining("too-short");
    env.put("IVR_MEDIA_SIGNING_KEY", key);
    env.put("IVR_MEDIA_DOWNLOAD_EXPIRY", "a day");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WorkerSettings.fromEnvironment(env))
        .hasMessageContaining("IVR_MEDIA_DOWNLOAD_EXPIRY must be an ISO-8601 duration");
  }

  @Test
  void missingTenant_isRejectedNamingTheVariable() {
    var env = new java.util.HashMap<>(MINIMAL);
    env.remove(WorkerSettings.GRAPH_TENANT_ID);

    assertThatThrownBy(() -> WorkerSettings.fromEnvironment(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(WorkerSettings.GRAPH_TENANT_ID)
        .hasMessageContaining("tenantId");
  }

  @Test
  void plainHttpGraph_isRefusedOutsideLoopback() {
    var env = new java.util.HashMap<>(MINIMAL);
    env.put(WorkerSettings.GRAPH_BASE_URL, "http://graph.example.com/v1.0");

    assertThatThrownBy(() -> WorkerSettings.fromEnvironment(env)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void plainHttpGraph_onAnAllowedHost_isAccepted() {
    var env = new java.util.HashMap<>(MINIMAL);
    env.put(WorkerSettings.GRAPH_BASE_URL, "http://graph-emulator:8089/v1.0");
    env.put(WorkerSettings.GRAPH_AUTHORITY_HOST_OVERRIDE, "http://graph-emulator:8089");
    env.put(WorkerSettings.GRAPH_HTTP_ALLOWED_HOSTS, "graph-emulator, other-host");

    WorkerSettings settings = WorkerSettings.fromEnvironment(env);
    assertThat(settings.graph().graphBaseUrl()).isEqualTo("http://graph-emulator:8089/v1.0");
    assertThat(settings.graph().httpAllowedHosts()).containsExactlyInAnyOrder("graph-emulator", "other-host");
  }

  @Test
  void recordingsAreKeptForever_andSticky_byDefault() {
    WorkerSettings settings = WorkerSettings.fromEnvironment(MINIMAL);

    assertThat(settings.recordingsRetention()).isNull();
    assertThat(settings.stickyExecution()).isTrue();
  }

  @Test
  void retentionIsAnIsoDuration() {
    var env = new java.util.HashMap<>(MINIMAL);
    env.put(WorkerSettings.RECORDINGS_RETENTION, "P30D");
    env.put(WorkerSettings.STICKY_EXECUTION, "false");

    WorkerSettings settings = WorkerSettings.fromEnvironment(env);

    assertThat(settings.recordingsRetention()).isEqualTo(java.time.Duration.ofDays(30));
    assertThat(settings.stickyExecution()).isFalse();
    env.put(WorkerSettings.RECORDINGS_RETENTION, "forever");
    assertThat(WorkerSettings.fromEnvironment(env).recordingsRetention()).isNull();
  }

  @Test
  void badRetention_isRejectedNamingTheVariable() {
    var env = new java.util.HashMap<>(MINIMAL);
    env.put(WorkerSettings.RECORDINGS_RETENTION, "30 days");
    assertThatThrownBy(() -> WorkerSettings.fromEnvironment(env))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(WorkerSettings.RECORDINGS_RETENTION);
    env.put(WorkerSettings.RECORDINGS_RETENTION, "PT0S");
    assertThatThrownBy(() -> WorkerSettings.fromEnvironment(env))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(WorkerSettings.RECORDINGS_RETENTION);
  }

  @Test
  void sweepPeriod_isATenthOfTheRetention_betweenASecondAndAnHour() {
    assertThat(RecordingRetentionSweeper.period(java.time.Duration.ofDays(30))).isEqualTo(java.time.Duration.ofHours(1));
    assertThat(RecordingRetentionSweeper.period(java.time.Duration.ofMinutes(10))).isEqualTo(java.time.Duration.ofMinutes(1));
    assertThat(RecordingRetentionSweeper.period(java.time.Duration.ofSeconds(2))).isEqualTo(java.time.Duration.ofSeconds(1));
  }

  @Test
  void recordingsGoToTheFileSystem_andMetricsTo9464_byDefault() {
    WorkerSettings settings = WorkerSettings.fromEnvironment(MINIMAL);

    assertThat(settings.azureBlob()).isNull();
    assertThat(settings.metrics()).isEqualTo(new WorkerSettings.MetricsEndpoint("0.0.0.0", 9464));
    assertThat(settings.metrics().enabled()).isTrue();
  }

  @Test
  void azureBlobStore_takesItsConnectionStringFromAFile_andNeverPrintsIt(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("cs"), "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=k3y==\n");
    var env = new java.util.HashMap<>(MINIMAL);
    env.put(WorkerSettings.RECORDINGS_STORE, "azure-blob");
    env.put(WorkerSettings.RECORDINGS_AZURE_CONNECTION_STRING + "_FILE", secret.toString());
    env.put(WorkerSettings.RECORDINGS_AZURE_CONTAINER, "ivr-recordings");

    WorkerSettings settings = WorkerSettings.fromEnvironment(env);

    assertThat(settings.azureBlob().connectionString()).endsWith("AccountKey=k3y==");
    assertThat(settings.azureBlob().container()).isEqualTo("ivr-recordings");
    assertThat(settings.toString()).doesNotContain("k3y");
  }

  @Test
  void azureBlobStore_withoutAConnectionString_orAnUnknownStore_isRejectedNamingTheVariable() {
    var env = new java.util.HashMap<>(MINIMAL);
    env.put(WorkerSettings.RECORDINGS_STORE, "azure-blob");
    assertThatThrownBy(() -> WorkerSettings.fromEnvironment(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(WorkerSettings.RECORDINGS_AZURE_CONNECTION_STRING);
    env.put(WorkerSettings.RECORDINGS_STORE, "s3");
    assertThatThrownBy(() -> WorkerSettings.fromEnvironment(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(WorkerSettings.RECORDINGS_STORE);
  }

  @Test
  void metricsPort_canBeAnyFreePort_orOff_andNothingElse() {
    var env = new java.util.HashMap<>(MINIMAL);
    env.put(WorkerSettings.METRICS_PORT, "0");
    env.put(WorkerSettings.METRICS_HOST, "127.0.0.1");
    assertThat(WorkerSettings.fromEnvironment(env).metrics()).isEqualTo(WorkerSettings.MetricsEndpoint.loopback());
    env.put(WorkerSettings.METRICS_PORT, "off");
    assertThat(WorkerSettings.fromEnvironment(env).metrics().enabled()).isFalse();
    env.put(WorkerSettings.METRICS_PORT, "-1");
    assertThat(WorkerSettings.fromEnvironment(env).metrics().enabled()).isFalse();
    for (String bad : new String[] {"http", "70000", "-2"}) {
      env.put(WorkerSettings.METRICS_PORT, bad);
      assertThatThrownBy(() -> WorkerSettings.fromEnvironment(env)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(WorkerSettings.METRICS_PORT);
    }
  }
}
