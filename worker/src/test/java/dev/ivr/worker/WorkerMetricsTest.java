package dev.ivr.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Temporal's SDK metrics and what a workflow records through {@code Workflow.getMetricsScope()} reach
 * the worker's Prometheus page, scraped over HTTP.
 */
@Timeout(60)
class WorkerMetricsTest {
  private static final String QUEUE = "metrics-test";

  @WorkflowInterface
  public interface CountingWorkflow {
    @WorkflowMethod
    String run(String flow);
  }

  @ActivityInterface
  public interface Echo {
    String echo(String text);
  }

  public static class CountingWorkflowImpl implements CountingWorkflow {
    @Override
    public String run(String flow) {
      // what the call workflow does, with a bounded tag
      Workflow.getMetricsScope().tagged(Map.of("flow", flow)).counter("ivr_calls_started").inc(1);
      Echo echo = Workflow.newActivityStub(Echo.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
      return echo.echo("done");
    }
  }

  @Test
  void sdkAndWorkflowMetrics_areScrapedOverHttp() throws Exception {
    try (WorkerMetrics metrics = WorkerMetrics.start(WorkerSettings.MetricsEndpoint.loopback())) {
      TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
          TestEnvironmentOptions.newBuilder().setMetricsScope(metrics.scope()).build());
      try {
        Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(CountingWorkflowImpl.class);
        worker.registerActivitiesImplementations((Echo) text -> text);
        env.start();
        WorkflowClient client = env.getWorkflowClient();
        for (int i = 0; i < 2; i++) {
          CountingWorkflow workflow = client.newWorkflowStub(CountingWorkflow.class,
              WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("metrics-" + i).build());
          assertThat(workflow.run("demo")).isEqualTo("done");
        }

        assertThat(metrics.url()).matches("http://127\\.0\\.0\\.1:\\d+/metrics");
        String page = Scrape.until(metrics.url(),
            p -> Scrape.value(p, "ivr_calls_started_total") == 2.0 && p.contains("temporal_workflow_completed_total"));
        assertThat(Scrape.value(page, "ivr_calls_started_total", "flow=\"demo\"", "workflow_type=\"CountingWorkflow\""))
            .isEqualTo(2.0);
        assertThat(Scrape.value(page, "temporal_workflow_completed_total", "workflow_type=\"CountingWorkflow\""))
            .isEqualTo(2.0);
        assertThat(Scrape.value(page, "temporal_activity_execution_latency_seconds_count", "activity_type=\"Echo\""))
            .isEqualTo(2.0);
        assertThat(page).doesNotContain("metrics-0").doesNotContain("metrics-1");
      } finally {
        env.close();
      }
    }
  }

  @Test
  void onlyGetOfMetricsIsServed_andClosingFreesThePort() throws Exception {
    String url;
    try (WorkerMetrics metrics = WorkerMetrics.start(WorkerSettings.MetricsEndpoint.loopback())) {
      url = metrics.url();
      var ok = Scrape.send("GET", url);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      assertThat(Scrape.send("GET", url.replace("/metrics", "/other")).statusCode()).isEqualTo(404);
      assertThat(Scrape.send("POST", url).statusCode()).isEqualTo(405);
    }
    try (var socket = new java.net.Socket()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> socket.connect(new java.net.InetSocketAddress("127.0.0.1", java.net.URI.create(url).getPort()), 1000))
          .isInstanceOf(java.io.IOException.class);
    }
  }

  @Test
  void metricsOff_servesNothing_butStillCollects() {
    try (WorkerMetrics metrics = WorkerMetrics.start(WorkerSettings.MetricsEndpoint.OFF)) {
      assertThat(metrics.url()).isNull();
      metrics.registry().counter("ivr_test").increment();
      assertThat(metrics.registry().get("ivr_test").counter().count()).isEqualTo(1.0);
    }
  }
}
