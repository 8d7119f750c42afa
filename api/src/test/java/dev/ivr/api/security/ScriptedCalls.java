package dev.ivr.api.security;

import dev.ivr.api.console.ScriptedCallWorkflow;
import dev.ivr.flowtools.FlowLoader;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallWorkflow;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.operator.OperatorAction;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Live calls for the security tests to act on: a real (in-memory) Temporal running
 * {@link ScriptedCallWorkflow}, and the operator signals a call received, read from its history.
 */
@TestConfiguration(proxyBeanMethods = false)
class ScriptedCalls {

  static final Flow MAIN_MENU = FlowLoader.load(Path.of("../flows/main-menu/flow.yaml")).flow();

  @Bean(destroyMethod = "close")
  TestWorkflowEnvironment testWorkflowEnvironment() {
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    env.newWorker(CallIds.TASK_QUEUE).registerWorkflowImplementationTypes(ScriptedCallWorkflow.class);
    env.start();
    return env;
  }

  @Bean
  WorkflowClient workflowClient(TestWorkflowEnvironment env) {
    return env.getWorkflowClient();
  }

  /** Starts a live call waiting at the sales menu; its workflow id. */
  static String start(WorkflowClient client) {
    String callId = UUID.randomUUID().toString();
    String workflowId = CallIds.workflowId(callId);
    CallWorkflow call = client.newWorkflowStub(CallWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId).setTaskQueue(CallIds.TASK_QUEUE).build());
    WorkflowClient.start(call::run, new CallInput(callId, null, "incoming", "http://127.0.0.1/callbacks/calling",
        MAIN_MENU, null, Map.of(), Map.of(), null));
    return workflowId;
  }

  /**
   * The operator actions of the call's history once it holds at least {@code count} of them (or after
   * 10 s). A signal that arrives while a workflow task runs is buffered and reaches the history when the
   * task completes, so an empty history right after a refusal proves little; a later accepted action
   * that is then the only one does: the refused ones would be before it.
   */
  static List<OperatorAction> awaitOperatorSignals(WorkflowClient client, String workflowId, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<OperatorAction> actions = operatorSignals(client, workflowId);
    while (actions.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
      actions = operatorSignals(client, workflowId);
    }
    return actions;
  }

  /** The operator actions the call was signalled, from its history. */
  static List<OperatorAction> operatorSignals(WorkflowClient client, String workflowId) {
    List<OperatorAction> actions = new ArrayList<>();
    for (HistoryEvent event : client.fetchHistory(workflowId).getEvents()) {
      if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED
          && event.getWorkflowExecutionSignaledEventAttributes().getSignalName().equals(CallIds.OPERATOR_ACTION_SIGNAL)) {
        actions.add(DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(0,
            Optional.of(event.getWorkflowExecutionSignaledEventAttributes().getInput()), OperatorAction.class,
            OperatorAction.class));
      }
    }
    return actions;
  }
}
