package dev.ivr.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.activities.graph.GraphSettings;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphEmulatorExtension;
import io.temporal.testserver.TestServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The real worker, against a port-bound Temporal test server and the Graph emulator, serves its metrics. */
@Timeout(90)
class CallWorkerMetricsTest {
  @RegisterExtension
  final GraphEmulatorExtension graph = new GraphEmulatorExtension(EmulatorConfig.defaults());

  @TempDir Path recordings;

  @Test
  void theWorkerServesTemporalAndActivityMetrics_untilClosed() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    TestServer.PortBoundTestServer temporal = TestServer.createPortBoundServer(port);
    try {
      GraphEmulator emulator = graph.emulator();
      EmulatorConfig config = emulator.config();
      WorkerSettings settings = new WorkerSettings("127.0.0.1:" + port, "default",
          new GraphSettings(emulator.graphBaseUrl(), null, config.tenantId(), config.clientId(), config.clientSecret(),
              emulator.baseUrl(), null), recordings)
          .withMetrics(WorkerSettings.MetricsEndpoint.loopback());
      String url;
      try (CallWorker worker = CallWorker.start(settings)) {
        url = worker.metricsUrl().orElseThrow();
        String page = Scrape.until(url, p -> p.contains("temporal_long_request_total"));

        // the workers' long polls on the call task queue, from Temporal's SDK through the tally scope
        assertThat(Scrape.value(page, "temporal_long_request_total", "operation=\"PollWorkflowTaskQueue\"",
            "namespace=\"default\"")).isGreaterThanOrEqualTo(1.0);
        // the activities record into the same registry
        assertThat(Scrape.value(page, "ivr_recording_download_bytes_total")).isEqualTo(0.0);
        assertThat(page).doesNotContain(config.clientSecret());
      }
      try (var socket = new java.net.Socket()) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(
            new java.net.InetSocketAddress("127.0.0.1", java.net.URI.create(url).getPort()), 1000))
            .as("the metrics port is closed with the worker").isInstanceOf(java.io.IOException.class);
      }
    } finally {
      temporal.close();
    }
  }

  @Test
  void withoutMetricsSettings_theWorkerServesNone() {
    WorkerSettings settings = new WorkerSettings("127.0.0.1:1", "default",
        new GraphSettings(null, null, "t.example", "c", "s", null, null), recordings);
    assertThat(settings.metrics().enabled()).isFalse();
  }
}
