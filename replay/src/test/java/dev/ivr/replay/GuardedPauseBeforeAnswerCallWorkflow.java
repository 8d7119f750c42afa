package dev.ivr.replay;

import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.CallWorkflowImpl;
import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/**
 * The change of {@link PauseBeforeAnswerCallWorkflow} done right (docs/replay.md): behind
 * {@code Workflow.getVersion}, with {@code TemporalChangeVersion} upserted for new calls. Calls
 * recorded before the change replay their old branch.
 */
public class GuardedPauseBeforeAnswerCallWorkflow extends CallWorkflowImpl {
  static final String CHANGE_ID = "pause-before-answer";
  private static final SearchAttributeKey<List<String>> CHANGE_VERSION =
      SearchAttributeKey.forKeywordList("TemporalChangeVersion");

  @Override
  public CallResult run(CallInput input) {
    int version = Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1);
    if (version == 1) {
      Workflow.upsertTypedSearchAttributes(CHANGE_VERSION.valueSet(List.of(CHANGE_ID + "-" + version)));
      Workflow.sleep(Duration.ofMillis(300));
    }
    return super.run(input);
  }
}
