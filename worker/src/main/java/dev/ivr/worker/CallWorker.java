package dev.ivr.worker;

import dev.ivr.activities.external.FlowSecrets;
import dev.ivr.activities.external.HttpActivitiesImpl;
import dev.ivr.activities.graph.GraphCallActivitiesImpl;
import dev.ivr.activities.graph.GraphClients;
import dev.ivr.activities.recording.RecordingActivitiesImpl;
import dev.ivr.codec.PayloadEncryption;
import dev.ivr.codec.PayloadKeys;
import dev.ivr.recordings.AzureBlobRecordingStore;
import dev.ivr.recordings.FileSystemRecordingStore;
import dev.ivr.recordings.RecordingLinks;
import dev.ivr.recordings.RecordingStore;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallWorkflowImpl;
import dev.ivr.workflows.call.SecureInputs;
import dev.ivr.workflows.flow.expr.CelExpressions;
import dev.ivr.workflows.visibility.CallIndexWorkflow;
import dev.ivr.workflows.visibility.CallIndexWorkflowImpl;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
  private final RecordingRetentionSweeper sweeper;
  private final WorkerMetrics metrics;

  private CallWorker(WorkflowServiceStubs service, WorkerFactory factory, RecordingRetentionSweeper sweeper,
      WorkerMetrics metrics) {
    this.service = service;
    this.factory = factory;
    this.sweeper = sweeper;
    this.metrics = metrics;
  }

  /** Connects to Temporal as configured and starts polling. */
  public static CallWorker start(WorkerSettings settings) {
    WorkerMetrics metrics = WorkerMetrics.start(settings.metrics());
    WorkflowServiceStubs service = null;
    CallWorker worker;
    WorkflowClient client;
    RecordingStore store;
    try {
      service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
          .setTarget(settings.temporalTarget()).setMetricsScope(metrics.scope()).build());
      client = WorkflowClient.newInstance(service, clientOptions(settings.namespace(), settings.payloadKeys()));
      java.util.List<String> missing = CallSearchAttributeRegistration.missing(service, settings.namespace());
      if (!missing.isEmpty()) {
        throw new IllegalStateException("the search attributes " + missing + " are not registered in Temporal namespace "
            + settings.namespace() + ": run deploy/temporal/setup-namespace.sh (IVR_NAMESPACE=" + settings.namespace()
            + ") before starting workers; calls would fail at their first upsert");
      }
      store = recordingStore(settings);
      worker = new CallWorker(service,
          register(WorkerFactory.newInstance(client, settings.tuning().factoryOptions()), settings, store, metrics.registry(),
              FlowSecrets.fromEnvironment(System.getenv())),
          RecordingRetentionSweeper.start(store), metrics);
      worker.factory.start();
    } catch (RuntimeException | Error startFailed) {
      // a worker that cannot start must not linger serving /metrics: the process has to exit
      if (service != null) {
        service.shutdownNow();
      }
      metrics.close();
      throw startFailed;
    }
    if (!hasVisibility(client)) {
      ensureCallIndex(client);
    }
    log.info("worker polling task queue {} on {} (namespace {}), Graph at {}, {} (kept {}), {}, payloads {}, tuning: {}",
        CallIds.TASK_QUEUE, settings.temporalTarget(), settings.namespace(), settings.graph().graphBaseUrl(),
        store, settings.recordingsRetention() == null ? "forever" : settings.recordingsRetention(),
        settings.recordingUrls(), settings.payloadKeys().isEmpty() ? "in clear" : "encrypted with " + settings.payloadKeys(),
        settings.tuning());
    if (!settings.recordingUrls().enabled()) {
      log.warn("No media signing key ({} or {}_FILE): play nodes with a recording and recordingDownloadUrl() fail"
          + " (onError); set the same key on the api (ivr.media.signing-key)", RecordingLinks.ENV, RecordingLinks.ENV);
    }
    if (settings.payloadKeys().isEmpty()) {
      log.warn("No payload keys ({} or {}): call payloads (phone numbers, tokens, DTMF keys) are stored in clear"
          + " in Temporal's history. Development only.", PayloadKeys.ENV, PayloadKeys.ENV_FILE);
    }
    return worker;
  }

  /**
   * The options of every Temporal client of the project: the namespace, and payloads encrypted with
   * {@code keys} (DTMF keys and requests carrying secure variables marked restricted).
   */
  public static WorkflowClientOptions clientOptions(String namespace, PayloadKeys keys) {
    return WorkflowClientOptions.newBuilder().setNamespace(namespace)
        .setDataConverter(PayloadEncryption.dataConverter(keys, SecureInputs::restricted)).build();
  }

  /** Where Prometheus scrapes this worker ({@code http://host:port/metrics}); empty when metrics are off. */
  public java.util.Optional<String> metricsUrl() {
    return java.util.Optional.ofNullable(metrics.url());
  }

  /** Registers the call workflow and its activities on the factory's {@link CallIds#TASK_QUEUE} worker. */
  public static WorkerFactory register(WorkerFactory factory, WorkerSettings settings) {
    return register(factory, settings, FlowSecrets.fromEnvironment(System.getenv()));
  }

  /** The same, with the http nodes' secrets from {@code secrets} (flow tests) instead of the environment. */
  public static WorkerFactory register(WorkerFactory factory, WorkerSettings settings, FlowSecrets secrets) {
    return register(factory, settings, recordingStore(settings), new CompositeMeterRegistry(), secrets);
  }

  private static WorkerFactory register(WorkerFactory factory, WorkerSettings settings, RecordingStore store,
      MeterRegistry meters, FlowSecrets secrets) {
    // CEL's first use costs ~350 ms of class loading: pay it here, not inside a workflow task
    // (Temporal's deadlock detector fails a task that does not yield for 1 s).
    CelExpressions.check("true", Set.of());
    WorkerOptions.Builder options = settings.tuning().applyTo(WorkerOptions.newBuilder());
    if (!settings.stickyExecution()) {
      // a zero sticky schedule-to-start timeout makes the SDK ask for no sticky queue: every
      // workflow task goes to the shared task queue, which any live worker polls
      options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    }
    Worker worker = factory.newWorker(CallIds.TASK_QUEUE, options.build());
    worker.registerWorkflowImplementationTypes(CallWorkflowImpl.class, CallIndexWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        // activities and local activities alike: the one implementation signs recordings' URLs
        new GraphCallActivitiesImpl(GraphClients.create(settings.graph()), meters, settings.recordingUrls()),
        new RecordingActivitiesImpl(store, meters, settings.graph().httpAllowedHosts()),
        new HttpActivitiesImpl(secrets, settings.recordingUrls()));
    return factory;
  }

  /**
   * Whether the server answers visibility queries (every Temporal server but the Java test server):
   * then operators list calls by their search attributes, and no call index is needed. A server that
   * cannot be asked right now counts as having it (a cluster; the index is only the test server's
   * substitute).
   */
  public static boolean hasVisibility(WorkflowClient client) {
    try {
      client.getWorkflowServiceStubs().blockingStub()
          .withDeadlineAfter(5, java.util.concurrent.TimeUnit.SECONDS)
          .countWorkflowExecutions(io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace())
              .setQuery("WorkflowType = 'CallWorkflow'").build());
      return true;
    } catch (io.grpc.StatusRuntimeException e) {
      return e.getStatus().getCode() != io.grpc.Status.Code.UNIMPLEMENTED;
    }
  }

  /**
   * Starts the call index unless it runs (conflict policy USE_EXISTING): the list of calls on a server
   * without visibility (the Java test server, which also forgets it on every restart). Best effort: without an index, calls still run; the console lists
   * fewer of them.
   */
  public static void ensureCallIndex(WorkflowClient client) {
    CallIndexWorkflow index = client.newWorkflowStub(CallIndexWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(CallIds.CALL_INDEX_WORKFLOW_ID)
        .setTaskQueue(CallIds.TASK_QUEUE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setStaticSummary("call index: live and recent calls")
        .build());
    try {
      WorkflowClient.start(index::run, List.of());
    } catch (WorkflowExecutionAlreadyStarted alreadyRunning) {
      // another worker started it first
    } catch (RuntimeException e) {
      log.warn("call index {} not started: {}", CallIds.CALL_INDEX_WORKFLOW_ID, e.getMessage());
    }
  }

  private static RecordingStore recordingStore(WorkerSettings settings) {
    if (settings.azureBlob() != null) {
      return AzureBlobRecordingStore.connect(settings.azureBlob().connectionString(), settings.azureBlob().container(),
          settings.recordingsRetention(), Clock.systemUTC());
    }
    return new FileSystemRecordingStore(settings.recordingsDir(), settings.recordingsRetention(), Clock.systemUTC());
  }

  @Override
  public void close() {
    sweeper.close();
    factory.shutdown();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    service.shutdown();
    metrics.close();
  }
}
