package dev.ivr.embedded.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eager activity dispatch, which {@link DevServer} turns on by default: the server's own counter
 * {@code activity_eager_execution} (history service, one per activity handed to the worker in the
 * answer to its workflow task) counts the activity of a workflow run on a worker of the same task
 * queue; with the key set to false it counts none, and the activity still runs through the task queue.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EagerActivityDispatchTest {
  private static final String EAGER_COUNTER = "activity_eager_execution";
  /** A counter the same run records for certain: the workflow completed. */
  private static final String COMPLETED_COUNTER = "workflow_success";

  @TempDir Path work;

  @WorkflowInterface
  public interface OneActivity {
    @WorkflowMethod
    String run(String input);
  }

  @ActivityInterface
  public interface Echo {
    String echo(String input);
  }

  public static class OneActivityImpl implements OneActivity {
    private final Echo echo = Workflow.newActivityStub(Echo.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

    @Override
    public String run(String input) {
      return echo.echo(input);
    }
  }

  @Test
  void byDefault_theActivityIsHandedToTheWorkerEagerly() throws Exception {
    DevServer.Settings settings = settings();
    assertThat(settings.dynamicConfig()).containsEntry("system.enableActivityEagerExecution", "true");
    try (DevServer server = DevServer.start(settings)) {
      assertThat(runOneActivity(server)).isEqualTo("echo:hello");
      String metrics = ServerMetrics.awaitCounter(server.metricsUrl(), EAGER_COUNTER, 1, Duration.ofSeconds(30));
      assertThat(ServerMetrics.sum(metrics, EAGER_COUNTER)).as(EAGER_COUNTER + " in\n%s", metrics).isEqualTo(1.0);
    }
  }

  @Test
  void turnedOff_theActivityGoesThroughTheTaskQueue() throws Exception {
    DevServer.Settings settings = settings().withDynamicConfig(Map.of("system.enableActivityEagerExecution", "false"));
    assertThat(settings.dynamicConfig()).containsEntry("system.enableActivityEagerExecution", "false");
    try (DevServer server = DevServer.start(settings)) {
      assertThat(runOneActivity(server)).isEqualTo("echo:hello");
      // the workflow's completion is counted after its activity: once it shows, an eager dispatch would have
      String metrics = ServerMetrics.awaitCounter(server.metricsUrl(), COMPLETED_COUNTER, 1, Duration.ofSeconds(30));
      assertThat(ServerMetrics.sum(metrics, COMPLETED_COUNTER)).as(COMPLETED_COUNTER + " in\n%s", metrics).isEqualTo(1.0);
      assertThat(ServerMetrics.sum(metrics, EAGER_COUNTER)).as(EAGER_COUNTER + " in\n%s", metrics).isZero();
    }
  }

  private DevServer.Settings settings() {
    return DevServer.Settings.inMemory(TemporalCli.locate(true)).withLogFile(work.resolve("temporal.log")).headless();
  }

  private static String runOneActivity(DevServer server) {
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
    WorkerFactory factory = null;
    try {
      WorkflowClient client = WorkflowClient.newInstance(service);
      factory = WorkerFactory.newInstance(client);
      String taskQueue = "eager-" + UUID.randomUUID();
      Worker worker = factory.newWorker(taskQueue);
      worker.registerWorkflowImplementationTypes(OneActivityImpl.class);
      worker.registerActivitiesImplementations((Echo) input -> "echo:" + input);
      factory.start();
      OneActivity workflow = client.newWorkflowStub(OneActivity.class,
          WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId("eager-" + UUID.randomUUID()).build());
      return workflow.run("hello");
    } finally {
      if (factory != null) {
        factory.shutdownNow();
        factory.awaitTermination(10, TimeUnit.SECONDS);
      }
      service.shutdownNow();
    }
  }
}
