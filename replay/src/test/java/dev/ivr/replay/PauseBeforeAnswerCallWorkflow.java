package dev.ivr.replay;

import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.CallWorkflowImpl;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * An unguarded change: "let the caller hear one ring before we answer". The timer comes before the
 * answer activity, so every stored call now diverges at its first command.
 */
public class PauseBeforeAnswerCallWorkflow extends CallWorkflowImpl {
  @Override
  public CallResult run(CallInput input) {
    Workflow.sleep(Duration.ofMillis(300));
    return super.run(input);
  }
}
