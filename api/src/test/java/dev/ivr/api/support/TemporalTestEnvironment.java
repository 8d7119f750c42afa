package dev.ivr.api.support;

import dev.ivr.workflows.call.CallIds;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A real (in-memory) Temporal service with a worker running {@link RecordingCallWorkflow} on the
 * call task queue; its client replaces the api's own {@code WorkflowClient}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TemporalTestEnvironment {

  @Bean(destroyMethod = "close")
  TestWorkflowEnvironment testWorkflowEnvironment() {
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    // as every real namespace has them (deploy/temporal/search-attributes.txt): a busy call sets one at start
    dev.ivr.workflows.visibility.CallSearchAttributes.ALL.forEach(env::registerSearchAttribute);
    env.newWorker(CallIds.TASK_QUEUE).registerWorkflowImplementationTypes(RecordingCallWorkflow.class);
    env.start();
    return env;
  }

  @Bean
  WorkflowClient workflowClient(TestWorkflowEnvironment env) {
    return env.getWorkflowClient();
  }
}
