package dev.ivr.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.ivr.worker.CallSearchAttributeRegistration;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.event.CallStateChanged;
import dev.ivr.workflows.call.CallTimeouts;
import dev.ivr.workflows.call.CallWorkflow;
import dev.ivr.workflows.call.CallWorkflowImpl;
import dev.ivr.workflows.event.GraphEventSignal;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.event.ResultInfo;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.SetNode;
import dev.ivr.workflows.flow.expr.CelExpressions;
import dev.ivr.workflows.graph.AnswerCall;
import dev.ivr.workflows.graph.CancelMediaProcessing;
import dev.ivr.workflows.graph.CreateCall;
import dev.ivr.workflows.graph.DownloadRecording;
import dev.ivr.workflows.graph.GraphCallActivities;
import dev.ivr.workflows.graph.HangUp;
import dev.ivr.workflows.graph.KeepAlive;
import dev.ivr.workflows.graph.OperationStarted;
import dev.ivr.workflows.graph.PlayPrompt;
import dev.ivr.workflows.graph.RecordResponse;
import dev.ivr.workflows.graph.RecordingActivities;
import dev.ivr.workflows.graph.SubscribeToTone;
import dev.ivr.workflows.graph.TransferCall;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The CPU cost of interpreting one flow node: calls walk a chain of {@code set} nodes (each a CEL
 * evaluation and a variable write) on an in-process Temporal test server, once with 10 nodes and
 * once with 1,910, in alternating rounds. The difference in process CPU time, divided by the 1,900
 * extra nodes, is the cost of one node, without the call's fixed cost (start, answer, hang-up,
 * Temporal round trips).
 * Process CPU includes GC and background threads, so the median of the rounds is reported.
 *
 * <p>{@code java -cp bench/target/ivr-bench-exec.jar -Dloader.main=dev.ivr.bench.NodeCostBenchmark
 * org.springframework.boot.loader.launch.PropertiesLauncher [calls]}
 */
public final class NodeCostBenchmark {
  private static final int SHORT = 10;
  private static final int LONG = 1_910;
  private static final int ROUNDS = 7;

  private NodeCostBenchmark() {}

  public static void main(String[] args) {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    PrintStream out = System.out;
    CelExpressions.check("true", Set.of());
    try (TestServer.InProcessTestServer server = TestServer.createServer(true)) {
      WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setChannel(server.getChannel()).build());
      // the call workflow upserts its search attributes: a server must know them first
      CallSearchAttributeRegistration.register(service, "default");
      WorkflowClient client = WorkflowClient.newInstance(service);
      WorkerFactory factory = WorkerFactory.newInstance(client);
      Worker worker = factory.newWorker(CallIds.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(CallWorkflowImpl.class);
      worker.registerActivitiesImplementations(new InstantGraph(client));
      factory.start();

      Flow shortFlow = chain(SHORT);
      Flow longFlow = chain(LONG);
      run(client, shortFlow, calls); // warm-up: class loading, JIT, CEL caches
      run(client, longFlow, calls);
      double[] perNode = new double[ROUNDS];
      long shortTotal = 0;
      long longTotal = 0;
      for (int round = 0; round < ROUNDS; round++) {
        long shortCpu = run(client, shortFlow, calls);
        long longCpu = run(client, longFlow, calls);
        shortTotal += shortCpu;
        longTotal += longCpu;
        perNode[round] = (longCpu - shortCpu) / 1_000.0 / ((double) (LONG - SHORT) * calls);
      }
      java.util.Arrays.sort(perNode);
      out.printf("%d rounds of %d calls; nodes per call: %d and %d%n", ROUNDS, calls, SHORT, LONG);
      out.printf("process CPU per call: %.1f ms (%d set nodes), %.1f ms (%d set nodes)%n",
          shortTotal / 1e6 / calls / ROUNDS, SHORT, longTotal / 1e6 / calls / ROUNDS, LONG);
      out.printf("CPU per interpreted node: median %.1f µs (min %.1f, max %.1f over %d rounds)%n",
          perNode[ROUNDS / 2], perNode[0], perNode[ROUNDS - 1], ROUNDS);
      factory.shutdownNow();
      service.shutdownNow();
    }
  }

  /** Runs the calls one after another; returns the process CPU time they took, in nanoseconds. */
  private static long run(WorkflowClient client, Flow flow, int calls) {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long before = os.getProcessCpuTime();
    for (int i = 0; i < calls; i++) {
      String callId = UUID.randomUUID().toString();
      CallWorkflow call = client.newWorkflowStub(CallWorkflow.class, WorkflowOptions.newBuilder()
          .setWorkflowId(CallIds.workflowId(callId)).setTaskQueue(CallIds.TASK_QUEUE)
          .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING).build());
      var start = client.newSignalWithStartRequest();
      start.add(call::run, new CallInput(callId, "tenant", "incoming", "https://bot.example/callbacks", flow,
          Map.of(), CallTimeouts.defaults()));
      start.add(call::onGraphEvent, new GraphEventSignal("m", 0, CallStateChanged.of("incoming")));
      client.signalWithStart(start);
      CallResult result = WorkflowStub.fromTyped(call).getResult(CallResult.class);
      if (result.outcome() != CallOutcome.COMPLETED) {
        throw new IllegalStateException("benchmark call ended " + result.outcome() + ": " + result.path());
      }
    }
    return os.getProcessCpuTime() - before;
  }

  private static Flow chain(int nodes) {
    Map<String, FlowNode> chain = new LinkedHashMap<>();
    for (int i = 0; i < nodes; i++) {
      chain.put("n" + i, new SetNode(Map.of("counter", "counter + 1"), i + 1 < nodes ? "n" + (i + 1) : "end", null));
    }
    chain.put("end", new HangupNode());
    return new Flow("chain-" + nodes, "v1", null, null, null, Map.of("counter", 0), null, "n0", null, chain);
  }

  /** Graph that answers at once: established right after answer, terminated right after hang-up. */
  private record InstantGraph(WorkflowClient client) implements GraphCallActivities, RecordingActivities {
    private void signal(String callId, CallStateChanged event) {
      client.newWorkflowStub(CallWorkflow.class, CallIds.workflowId(callId))
          .onGraphEvent(new GraphEventSignal("m-" + event.state(), 0, event));
    }

    @Override
    public String createCall(CreateCall request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void answer(AnswerCall request) {
      signal(request.callId(), CallStateChanged.of("established"));
    }

    @Override
    public OperationStarted playPrompt(PlayPrompt request) {
      return new OperationStarted("op", "completed", new ResultInfo(200, 0, null));
    }

    @Override
    public OperationStarted recordResponse(RecordResponse request) {
      return new OperationStarted("op", "failed", new ResultInfo(400, 8510, null));
    }

    @Override
    public OperationStarted subscribeToTone(SubscribeToTone request) {
      return new OperationStarted("op", "completed", new ResultInfo(200, 0, null));
    }

    @Override
    public OperationStarted cancelMediaProcessing(CancelMediaProcessing request) {
      return new OperationStarted("op", "completed", new ResultInfo(200, 0, null));
    }

    @Override
    public void transfer(TransferCall request) {}

    @Override
    public void redirect(dev.ivr.workflows.graph.RedirectCall request) {}

    @Override
    public void keepAlive(KeepAlive request) {}

    @Override
    public void hangUp(HangUp request) {
      signal(request.callId(), new CallStateChanged("terminated", new ResultInfo(200, 7000, null), null));
    }

    @Override
    public RecordingStored downloadRecording(DownloadRecording request) {
      throw new UnsupportedOperationException();
    }
  }
}
