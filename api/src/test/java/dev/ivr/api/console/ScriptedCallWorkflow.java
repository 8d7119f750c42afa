package dev.ivr.api.console;

import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.CallSnapshot;
import dev.ivr.workflows.call.CallWorkflow;
import dev.ivr.workflows.call.StepTaken;
import dev.ivr.workflows.event.GraphEventSignal;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.operator.AuditEntry;
import dev.ivr.workflows.operator.OperatorAction;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call workflow that plays a script instead of a flow, for the console's api tests: it has
 * answered and pressed 1 at the menu, made the recording named by the variable {@code recording}
 * (if any), and now waits at {@code sales}; every Graph event adds a step, an operator's hang-up
 * ends it as {@code OPERATOR_HUNG_UP}. The variable {@code secret} and an action's target show as
 * {@link #HIDDEN}, a value no code of the api writes: served as is, it shows the api passes the
 * workflow's own redaction through.
 */
public class ScriptedCallWorkflow implements CallWorkflow {
  /** What this double shows instead of the variable {@code secret} and of an action's target. */
  public static final String HIDDEN = "<hidden by the scripted call>";

  private CallInput input;
  private final List<StepTaken> path = new ArrayList<>();
  private final List<RecordingStored> recordings = new ArrayList<>();
  private final List<AuditEntry> audit = new ArrayList<>();
  private String outcome;

  @Override
  public CallResult run(CallInput input) {
    this.input = input;
    long t = Workflow.currentTimeMillis();
    path.add(new StepTaken("answer", "answer", "established", t));
    path.add(new StepTaken("menu", "menu", "choice:1", t + 1));
    Object location = input.variables().get("recording");
    if (location != null) {
      path.add(new StepTaken("record", "record", "recorded:silence", t + 2));
      recordings.add(new RecordingStored("record", "op-1", "silence", location.toString(), 100, 3_000, "00"));
    }
    path.add(new StepTaken("sales", "menu", "waiting", t + 3));
    Workflow.await(() -> outcome != null);
    return new CallResult(input.callId(), CallOutcome.valueOf(outcome), path, recordings, null);
  }

  @Override
  public void onGraphEvent(GraphEventSignal signal) {
    path.add(new StepTaken("sales", "menu", "noInput:" + path.size(), Workflow.currentTimeMillis()));
  }

  @Override
  public void onOperatorAction(OperatorAction action) {
    String node = path.isEmpty() ? null : path.get(path.size() - 1).nodeId();
    OperatorAction shown = new OperatorAction(action.type(), action.operator(), action.requestedAt(), action.reason(),
        action.target() == null ? null : HIDDEN, action.targetKind(), action.promptKey());
    audit.add(new AuditEntry(shown, Workflow.currentTimeMillis(), node, "done"));
    if (OperatorAction.HANGUP.equals(action.type())) {
      outcome = "OPERATOR_HUNG_UP";
    }
  }

  @Override
  public String callState() {
    return outcome == null ? "established" : "terminated";
  }

  @Override
  public List<StepTaken> path() {
    return List.copyOf(path);
  }

  @Override
  public CallSnapshot snapshot() {
    StepTaken last = path.isEmpty() ? null : path.get(path.size() - 1);
    return new CallSnapshot(input.callId(), Workflow.getInfo().getWorkflowId(), input.flow().id(),
        input.flow().version(), input.direction(), input.tenantId(), callState(),
        last == null ? null : last.nodeId(), last == null ? null : last.type(), outcome,
        Workflow.getInfo().getRunStartedTimestampMillis(), path(), variables(), recordings(), audit());
  }

  @Override
  public Map<String, Object> variables() {
    Map<String, Object> shown = new LinkedHashMap<>(input.variables());
    shown.computeIfPresent("secret", (k, v) -> HIDDEN);
    return shown;
  }

  @Override
  public List<RecordingStored> recordings() {
    return List.copyOf(recordings);
  }

  @Override
  public List<AuditEntry> audit() {
    return List.copyOf(audit);
  }
}
