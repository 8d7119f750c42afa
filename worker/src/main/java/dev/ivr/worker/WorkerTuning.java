package dev.ivr.worker;

import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How hard the worker polls and how much it keeps, from environment variables; 0 (or unset) keeps
 * the Temporal SDK's default, named beside each.
 *
 * @param workflowPollers concurrent workflow-task polls ({@value #WORKFLOW_POLLERS}; SDK default 5)
 * @param activityPollers concurrent activity-task polls ({@value #ACTIVITY_POLLERS}; SDK default 5)
 * @param workflowTaskSlots workflow tasks run at once ({@value #WORKFLOW_TASK_SLOTS}; SDK default 200)
 * @param activitySlots activities run at once: downloads, http nodes ({@value #ACTIVITY_SLOTS}; SDK default 200)
 * @param localActivitySlots local activities run at once: Graph requests ({@value #LOCAL_ACTIVITY_SLOTS}; SDK default 200)
 * @param cacheSize workflows kept in memory between their tasks, sticky execution's cache
 *     ({@value #CACHE_SIZE}; SDK default 600). A call evicted from it is replayed from its history at its next task
 * @param maxWorkflowThreads threads for cached workflows ({@value #MAX_WORKFLOW_THREADS}; SDK default 600).
 *     Each cached call holds one while it waits, so it should not be below the cache size
 */
public record WorkerTuning(int workflowPollers, int activityPollers, int workflowTaskSlots, int activitySlots,
    int localActivitySlots, int cacheSize, int maxWorkflowThreads) {
  public static final String WORKFLOW_POLLERS = "IVR_WORKER_WORKFLOW_POLLERS";
  public static final String ACTIVITY_POLLERS = "IVR_WORKER_ACTIVITY_POLLERS";
  public static final String WORKFLOW_TASK_SLOTS = "IVR_WORKER_WORKFLOW_TASK_SLOTS";
  public static final String ACTIVITY_SLOTS = "IVR_WORKER_ACTIVITY_SLOTS";
  public static final String LOCAL_ACTIVITY_SLOTS = "IVR_WORKER_LOCAL_ACTIVITY_SLOTS";
  public static final String CACHE_SIZE = "IVR_WORKER_CACHE_SIZE";
  public static final String MAX_WORKFLOW_THREADS = "IVR_WORKER_MAX_WORKFLOW_THREADS";

  /** Every value the SDK's default. */
  public static final WorkerTuning DEFAULTS = new WorkerTuning(0, 0, 0, 0, 0, 0, 0);

  public WorkerTuning {
    Map<String, Integer> values = values(workflowPollers, activityPollers, workflowTaskSlots, activitySlots,
        localActivitySlots, cacheSize, maxWorkflowThreads);
    values.forEach((name, value) -> {
      if (value < 0) {
        throw new IllegalArgumentException(name + " must be a positive count (or 0 for the SDK's default), got " + value);
      }
    });
    if (workflowPollers == 1) {
      // the SDK needs two: one for the sticky queue, one for the shared queue
      throw new IllegalArgumentException(WORKFLOW_POLLERS + " must be at least 2 (the sticky and the shared task queue)");
    }
    if (cacheSize > 0 && maxWorkflowThreads > 0 && maxWorkflowThreads < cacheSize) {
      throw new IllegalArgumentException(MAX_WORKFLOW_THREADS + " (" + maxWorkflowThreads + ") must not be below "
          + CACHE_SIZE + " (" + cacheSize + "): every cached call holds a thread while it waits");
    }
  }

  /** Reads the tuning from environment variables; fails naming the variable that is not a count. */
  public static WorkerTuning fromEnvironment(Map<String, String> env) {
    return new WorkerTuning(count(env, WORKFLOW_POLLERS), count(env, ACTIVITY_POLLERS), count(env, WORKFLOW_TASK_SLOTS),
        count(env, ACTIVITY_SLOTS), count(env, LOCAL_ACTIVITY_SLOTS), count(env, CACHE_SIZE),
        count(env, MAX_WORKFLOW_THREADS));
  }

  /** The worker's options with the values that are set. */
  WorkerOptions.Builder applyTo(WorkerOptions.Builder options) {
    if (workflowPollers > 0) options.setMaxConcurrentWorkflowTaskPollers(workflowPollers);
    if (activityPollers > 0) options.setMaxConcurrentActivityTaskPollers(activityPollers);
    if (workflowTaskSlots > 0) options.setMaxConcurrentWorkflowTaskExecutionSize(workflowTaskSlots);
    if (activitySlots > 0) options.setMaxConcurrentActivityExecutionSize(activitySlots);
    if (localActivitySlots > 0) options.setMaxConcurrentLocalActivityExecutionSize(localActivitySlots);
    return options;
  }

  /** The worker factory's options (the cache and its threads) with the values that are set. */
  WorkerFactoryOptions factoryOptions() {
    WorkerFactoryOptions.Builder options = WorkerFactoryOptions.newBuilder();
    if (cacheSize > 0) options.setWorkflowCacheSize(cacheSize);
    if (maxWorkflowThreads > 0) options.setMaxWorkflowThreadCount(maxWorkflowThreads);
    return options.build();
  }

  /** The values that are set, by variable name: what the worker's start-up line prints. */
  @Override
  public String toString() {
    List<String> set = new ArrayList<>();
    values(workflowPollers, activityPollers, workflowTaskSlots, activitySlots, localActivitySlots, cacheSize,
        maxWorkflowThreads).forEach((name, value) -> {
          if (value > 0) set.add(name + "=" + value);
        });
    return set.isEmpty() ? "the SDK's defaults" : String.join(" ", set);
  }

  private static Map<String, Integer> values(int workflowPollers, int activityPollers, int workflowTaskSlots,
      int activitySlots, int localActivitySlots, int cacheSize, int maxWorkflowThreads) {
    Map<String, Integer> values = new LinkedHashMap<>();
    values.put(WORKFLOW_POLLERS, workflowPollers);
    values.put(ACTIVITY_POLLERS, activityPollers);
    values.put(WORKFLOW_TASK_SLOTS, workflowTaskSlots);
    values.put(ACTIVITY_SLOTS, activitySlots);
    values.put(LOCAL_ACTIVITY_SLOTS, localActivitySlots);
    values.put(CACHE_SIZE, cacheSize);
    values.put(MAX_WORKFLOW_THREADS, maxWorkflowThreads);
    return values;
  }

  private static int count(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a count, got '" + value + "'");
    }
  }
}
