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
}
