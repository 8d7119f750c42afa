package dev.ivr.workflows.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeVersionsTest {
  @WorkflowInterface
  public interface Versioned {
    @WorkflowMethod
    List<String> run();
  }

  public static class VersionedImpl implements Versioned {
    @Override
    public List<String> run() {
      ChangeVersions versions = new ChangeVersions();
      int first = versions.version("record-notice", 1);
      int second = versions.version("menu-escalation", 2);
      return List.of("record-notice=" + first, "menu-escalation=" + second,
          String.valueOf(Workflow.getTypedSearchAttributes().get(SearchAttributeKey.forKeywordList("TemporalChangeVersion"))));
    }
  }

  @Test
  void aNewCall_takesTheNewestVersion_andIsTaggedForOperators() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("versions");
      worker.registerWorkflowImplementationTypes(VersionedImpl.class);
      env.start();

      List<String> result = env.getWorkflowClient()
          .newWorkflowStub(Versioned.class, WorkflowOptions.newBuilder().setTaskQueue("versions").build())
          .run();

      assertThat(result).containsExactly("record-notice=1", "menu-escalation=2", "[record-notice-1, menu-escalation-2]");
    }
  }
}
