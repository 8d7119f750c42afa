package dev.ivr.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.ivr.embedded.temporal.DevServer;
import dev.ivr.embedded.temporal.TemporalCli;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The webhook's Temporal call, two ways, on the Temporal CLI's dev server: a notification as a
 * signal (the first with signalWithStart, as the api does) against the same as an update (the first
 * with update-with-start), waiting for the update to complete. A stand-in workflow that only counts
 * what it gets keeps the comparison to the delivery itself. Rounds alternate the two ways so that a
 * machine's load falls on both. Printed: the api's wait per delivery (first and following), the
 * server's and this JVM's CPU per call, and the history's length.
 *
 * <p>{@code java -cp bench/target/ivr-bench-exec.jar -Dloader.main=dev.ivr.bench.DeliveryBenchmark
 * org.springframework.boot.loader.launch.PropertiesLauncher [calls-per-round] [rounds] [notifications-per-call]}
 */
public final class DeliveryBenchmark {

  /** The stand-in call workflow: it ends when it has had {@code expected} notifications. */
  @WorkflowInterface
  public interface ProbeWorkflow {
    @WorkflowMethod
    void run(int expected);

    @SignalMethod
    void event(String name);

    @UpdateMethod
    int deliver(String name);
  }

  public static final class ProbeWorkflowImpl implements ProbeWorkflow {
    private int received;

    @Override
    public void run(int expected) {
      Workflow.await(() -> received >= expected);
    }

    @Override
    public void event(String name) {
      received++;
    }

    @Override
    public int deliver(String name) {
      return ++received;
    }
  }

  enum Way { SIGNAL, UPDATE }

  /** One way's figures over every round. */
  record Row(Way way, int calls, Percentiles firstMillis, Percentiles followingMillis, double serverCpuMillisPerCall,
      double jvmCpuMillisPerCall, long historyEvents) {}

  private static final String QUEUE = "delivery-bench";
  private static final int THREADS = 8;

  private DeliveryBenchmark() {}

  public static void main(String[] args) throws Exception {
    run(args.length > 0 ? Integer.parseInt(args[0]) : 100, args.length > 1 ? Integer.parseInt(args[1]) : 4,
        args.length > 2 ? Integer.parseInt(args[2]) : 10, System.out);
    System.exit(0);
  }

  static List<Row> run(int callsPerRound, int rounds, int notifications, PrintStream out) throws Exception {
    try (DevServer server = DevServer.start(DevServer.Settings.inMemory(TemporalCli.locate(true)).headless())) {
      WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
      WorkflowClient client = WorkflowClient.newInstance(service);
      WorkerFactory factory = WorkerFactory.newInstance(client);
      Worker worker = factory.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(ProbeWorkflowImpl.class);
      factory.start();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        for (Way way : Way.values()) { // warm-up
          round(client, way, callsPerRound / 4 + 1, notifications, pool, server);
        }
        List<Row> rows = new ArrayList<>();
        List<Measured> signal = new ArrayList<>();
        List<Measured> update = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          for (Way way : r % 2 == 0 ? List.of(Way.SIGNAL, Way.UPDATE) : List.of(Way.UPDATE, Way.SIGNAL)) {
            (way == Way.SIGNAL ? signal : update).add(round(client, way, callsPerRound, notifications, pool, server));
          }
        }
        rows.add(Measured.sum(Way.SIGNAL, signal));
        rows.add(Measured.sum(Way.UPDATE, update));
        out.printf("%d calls per way (%d rounds, alternating), %d notifications per call, %d client threads, dev server%n",
            callsPerRound * rounds, rounds, notifications, THREADS);
        out.printf("%-8s %12s %12s %14s %14s %16s %14s %9s%n", "way", "first p50 ms", "first p99 ms", "next p50 ms",
            "next p99 ms", "server CPU ms/call", "JVM CPU ms/call", "events");
        for (Row row : rows) {
          out.printf("%-8s %12.2f %12.2f %14.2f %14.2f %16.1f %14.1f %9d%n", row.way().name().toLowerCase(),
              row.firstMillis().p50(), row.firstMillis().p99(), row.followingMillis().p50(),
              row.followingMillis().p99(), row.serverCpuMillisPerCall(), row.jvmCpuMillisPerCall(), row.historyEvents());
        }
        return rows;
      } finally {
        pool.shutdownNow();
        factory.shutdownNow();
        service.shutdownNow();
      }
    }
  }

  private record Measured(int calls, List<Double> first, List<Double> following, double serverCpuMillis,
      double jvmCpuMillis, long historyEvents) {
    static Row sum(Way way, List<Measured> rounds) {
      List<Double> first = new ArrayList<>();
      List<Double> following = new ArrayList<>();
      int calls = 0;
      double server = 0;
      double jvm = 0;
      for (Measured m : rounds) {
        first.addAll(m.first());
        following.addAll(m.following());
        calls += m.calls();
        server += m.serverCpuMillis();
        jvm += m.jvmCpuMillis();
      }
      return new Row(way, calls, Percentiles.of(first), Percentiles.of(following), server / calls, jvm / calls,
          rounds.get(rounds.size() - 1).historyEvents());
    }
  }

  private static Measured round(WorkflowClient client, Way way, int calls, int notifications, ExecutorService pool,
      DevServer server) throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<Double> first = Collections.synchronizedList(new ArrayList<>());
    List<Double> following = Collections.synchronizedList(new ArrayList<>());
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    Duration serverStart = server.cpuTime().orElse(Duration.ZERO);
    long jvmStart = os.getProcessCpuTime();
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      done.add(pool.submit(() -> {
        String id = "delivery-" + way.name().toLowerCase() + "-" + UUID.randomUUID();
        ids.add(id);
        deliverCall(client, way, id, notifications, first, following);
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    for (String id : ids) {
      client.newUntypedWorkflowStub(id).getResult(Void.class);
    }
    double serverCpu = server.cpuTime().orElse(Duration.ZERO).minus(serverStart).toNanos() / 1e6;
    double jvmCpu = (os.getProcessCpuTime() - jvmStart) / 1e6;
    long events = client.fetchHistory(ids.get(0)).getHistory().getEventsCount();
    return new Measured(calls, first, following, serverCpu, jvmCpu, events);
  }

  private static void deliverCall(WorkflowClient client, Way way, String id, int notifications, List<Double> first,
      List<Double> following) {
    WorkflowOptions options = WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(QUEUE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING).build();
    long start = System.nanoTime();
    if (way == Way.SIGNAL) {
      client.newUntypedWorkflowStub("ProbeWorkflow", options)
          .signalWithStart("event", new Object[] {"incoming"}, new Object[] {notifications});
    } else {
      ProbeWorkflow stub = client.newWorkflowStub(ProbeWorkflow.class, options);
      WorkflowClient.executeUpdateWithStart(stub::deliver, "incoming",
          UpdateOptions.<Integer>newBuilder().setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
          new WithStartWorkflowOperation<>(stub::run, notifications));
    }
    first.add((System.nanoTime() - start) / 1e6);
    for (int n = 1; n < notifications; n++) {
      start = System.nanoTime();
      if (way == Way.SIGNAL) {
        WorkflowStub stub = client.newUntypedWorkflowStub(id);
        stub.signal("event", "n" + n);
      } else {
        client.newWorkflowStub(ProbeWorkflow.class, id).deliver("n" + n);
      }
      following.add((System.nanoTime() - start) / 1e6);
    }
  }
}
