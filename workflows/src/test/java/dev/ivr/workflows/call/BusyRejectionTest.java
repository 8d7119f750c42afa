package dev.ivr.workflows.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ivr.workflows.event.CallStateChanged;
import dev.ivr.workflows.event.GraphEventSignal;
import dev.ivr.workflows.event.IncomingCall;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.visibility.CallSearchAttributesSupport;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A call the api refuses at the app's limit of live calls: Graph's reject, reason busy, never answered. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BusyRejectionTest {
  private static final String CALL_ID = "5A0B8C11-0000-4BC9-A43E-B226498EC22A";

  private TestWorkflowEnvironment env;
  private FakeGraph graph;

  @BeforeEach
  void start() {
    env = CallSearchAttributesSupport.registered(TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build()));
    Worker worker = env.newWorker(CallIds.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(CallWorkflowImpl.class);
    graph = new FakeGraph(env.getWorkflowClient());
    worker.registerActivitiesImplementations(graph);
    env.start();
  }

  @AfterEach
  void stop() {
    graph.close();
    env.close();
  }

  @Test
  void busyRejectInput_rejectsWithReasonBusy_neverAnswers_endsBusy() {
    CallResult result = run(CallInput.BUSY_REJECT);

    assertThat(result.outcome()).isEqualTo(CallOutcome.BUSY);
    assertThat(graph.requests).containsExactly("reject:busy");
    assertThat(graph.callIdsUsed).containsExactly(CALL_ID);
    assertThat(result.path()).extracting(StepTaken::nodeId, StepTaken::outcome).containsExactly(tuple("reject", "busy"));
  }

  @Test
  void admittedInput_isAnsweredAsBefore() {
    CallResult result = run(null);

    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(graph.requests).startsWith("answer").doesNotContain("reject:busy");
  }

  private CallResult run(String admission) {
    WorkflowClient client = env.getWorkflowClient();
    CallWorkflow call = client.newWorkflowStub(CallWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(CallIds.workflowId(CALL_ID))
        .setTaskQueue(CallIds.TASK_QUEUE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build());
    Flow flow = new Flow("hang-up", "v1", "end", Map.of("end", new HangupNode()));
    var incoming = new CallStateChanged("incoming", null,
        new IncomingCall("+15550100", "phone", "app-instance-1", "applicationInstance", "tenant", "chain"));
    var request = client.newSignalWithStartRequest();
    request.add(call::run, CallInput.incoming(CALL_ID, "tenant", "https://bot.example/callbacks/calling", flow)
        .withPrompts(Map.of()).withAdmission(admission));
    request.add(call::onGraphEvent, new GraphEventSignal("m-1", 0, incoming));
    client.signalWithStart(request);
    return WorkflowStub.fromTyped(call).getResult(CallResult.class);
  }
}
