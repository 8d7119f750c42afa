package dev.ivr.worker;

import dev.ivr.activities.external.HttpActivitiesImpl;
import dev.ivr.activities.graph.GraphCallActivitiesImpl;
import dev.ivr.activities.graph.GraphClients;
import dev.ivr.activities.recording.FileSystemRecordingStore;
import dev.ivr.activities.recording.RecordingActivitiesImpl;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallWorkflowImpl;
import dev.ivr.workflows.flow.expr.CelExpressions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running worker: the call workflow and its Graph, recording and external HTTP activities on the
 * {@link CallIds#TASK_QUEUE} task queue. Workers scale horizontally on that one queue.
 */
public final class CallWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CallWorker.class);

  private final WorkflowServiceStubs service;
  private final WorkerFactory factory;

  private CallWorker(WorkflowServiceStubs service, WorkerFactory factory) {
    this.service = service;
    this.factory = factory;
  }

  /** Connects to Temporal as configured and starts polling. */
  public static CallWorker start(WorkerSettings settings) {
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(settings.temporalTarget()).build());
    WorkflowClient client = WorkflowClient.newInstance(service,
        WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
    CallWorker worker = new CallWorker(service, register(WorkerFactory.newInstance(client), settings));
    worker.factory.start();
    log.info("worker polling task queue {} on {} (namespace {}), Graph at {}, recordings in {}",
        CallIds.TASK_QUEUE, settings.temporalTarget(), settings.namespace(), settings.graph().graphBaseUrl(),
        settings.recordingsDir().toAbsolutePath());
    return worker;
  }

  /** Registers the call workflow and its activities on the factory's {@link CallIds#TASK_QUEUE} worker. */
  public static WorkerFactory register(WorkerFactory factory, WorkerSettings settings) {
    // CEL's first use costs ~350 ms of class loading: pay it here, not inside a workflow task
    // (Temporal's deadlock detector fails a task that does not yield for 1 s).
    CelExpressions.check("true", Set.of());
    Worker worker = factory.newWorker(CallIds.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(CallWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new GraphCallActivitiesImpl(GraphClients.create(settings.graph())),
        new RecordingActivitiesImpl(new FileSystemRecordingStore(settings.recordingsDir())),
        new HttpActivitiesImpl());
    return factory;
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    service.shutdown();
  }
}
