package dev.ivr.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pollers, slots and the cache from the environment, as the SDK's own option objects take them. */
class WorkerTuningTest {

  @Test
  void everyVariable_reachesTheSdksOptions() {
    WorkerTuning tuning = WorkerTuning.fromEnvironment(Map.of(
        WorkerTuning.WORKFLOW_POLLERS, "8", WorkerTuning.ACTIVITY_POLLERS, " 3 ", WorkerTuning.WORKFLOW_TASK_SLOTS, "50",
        WorkerTuning.ACTIVITY_SLOTS, "40", WorkerTuning.LOCAL_ACTIVITY_SLOTS, "30", WorkerTuning.CACHE_SIZE, "1200",
        WorkerTuning.MAX_WORKFLOW_THREADS, "1500"));

    WorkerOptions options = tuning.applyTo(WorkerOptions.newBuilder()).build();
    WorkerFactoryOptions factory = tuning.factoryOptions();

    assertThat(options.getMaxConcurrentWorkflowTaskPollers()).isEqualTo(8);
    assertThat(options.getMaxConcurrentActivityTaskPollers()).isEqualTo(3);
    assertThat(options.getMaxConcurrentWorkflowTaskExecutionSize()).isEqualTo(50);
    assertThat(options.getMaxConcurrentActivityExecutionSize()).isEqualTo(40);
    assertThat(options.getMaxConcurrentLocalActivityExecutionSize()).isEqualTo(30);
    assertThat(factory.getWorkflowCacheSize()).isEqualTo(1200);
    assertThat(factory.getMaxWorkflowThreadCount()).isEqualTo(1500);
    assertThat(tuning).hasToString("IVR_WORKER_WORKFLOW_POLLERS=8 IVR_WORKER_ACTIVITY_POLLERS=3"
        + " IVR_WORKER_WORKFLOW_TASK_SLOTS=50 IVR_WORKER_ACTIVITY_SLOTS=40 IVR_WORKER_LOCAL_ACTIVITY_SLOTS=30"
        + " IVR_WORKER_CACHE_SIZE=1200 IVR_WORKER_MAX_WORKFLOW_THREADS=1500");
  }

  @Test
  void nothingSet_keepsTheSdksDefaults_andTheWorkerSettingsReadThem() {
    WorkerTuning tuning = WorkerTuning.fromEnvironment(Map.of(WorkerTuning.CACHE_SIZE, " "));

    assertThat(tuning).isEqualTo(WorkerTuning.DEFAULTS).hasToString("the SDK's defaults");
    WorkerOptions sdk = WorkerOptions.newBuilder().build();
    WorkerOptions ours = tuning.applyTo(WorkerOptions.newBuilder()).build();
    assertThat(ours.getMaxConcurrentWorkflowTaskPollers()).isEqualTo(sdk.getMaxConcurrentWorkflowTaskPollers());
    assertThat(ours.getMaxConcurrentActivityExecutionSize()).isEqualTo(sdk.getMaxConcurrentActivityExecutionSize());
    assertThat(tuning.factoryOptions().getWorkflowCacheSize())
        .isEqualTo(WorkerFactoryOptions.newBuilder().build().getWorkflowCacheSize());
    assertThat(WorkerSettings.fromEnvironment(Map.of(WorkerSettings.GRAPH_TENANT_ID, "contoso.onmicrosoft.com",
        WorkerSettings.GRAPH_CLIENT_ID, "b0760000-0000-4000-8000-000000000001", WorkerSettings.GRAPH_CLIENT_SECRET,
        "s3cr3t-value", WorkerTuning.CACHE_SIZE, "900")).tuning().cacheSize()).isEqualTo(900);
  }

  @Test
  void badValues_areRefusedNamingTheVariable() {
    assertThatThrownBy(() -> WorkerTuning.fromEnvironment(Map.of(WorkerTuning.ACTIVITY_SLOTS, "many")))
        .hasMessageContaining("IVR_WORKER_ACTIVITY_SLOTS must be a count, got 'many'");
    assertThatThrownBy(() -> WorkerTuning.fromEnvironment(Map.of(WorkerTuning.CACHE_SIZE, "-5")))
        .hasMessageContaining("IVR_WORKER_CACHE_SIZE must be a positive count");
    assertThatThrownBy(() -> WorkerTuning.fromEnvironment(Map.of(WorkerTuning.WORKFLOW_POLLERS, "1")))
        .hasMessageContaining("IVR_WORKER_WORKFLOW_POLLERS must be at least 2");
    assertThatThrownBy(() -> WorkerTuning.fromEnvironment(Map.of(WorkerTuning.CACHE_SIZE, "1000",
        WorkerTuning.MAX_WORKFLOW_THREADS, "600")))
        .hasMessageContaining("IVR_WORKER_MAX_WORKFLOW_THREADS (600) must not be below IVR_WORKER_CACHE_SIZE (1000)");
  }
}
