package dev.ivr.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.call.CallSnapshot;
import dev.ivr.workflows.call.StepTaken;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.operator.AuditEntry;
import dev.ivr.workflows.operator.OperatorAction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineTest {

  @Test
  void stepsRecordingsAndOperatorActions_mergeInTimeOrder_inIvrWords_withoutTargets() {
    CallSnapshot call = new CallSnapshot("c", "call-1", "main-menu", "v", "incoming", null, "terminated", "end",
        "hangup", "OPERATOR_HUNG_UP", 1_000,
        List.of(new StepTaken("answer", "answer", "established", 1_000),
            new StepTaken("main", "menu", "choice:1", 2_000),
            new StepTaken("record", "record", "recorded:maxSilenceTimeout", 3_000),
            new StepTaken("sales", "menu", "noInput:1", 5_000),
            // the workflow's own path step of the hang-up: the audit entry tells it once
            new StepTaken("sales", "operator", "hangup by alice", 6_000)),
        Map.of(),
        List.of(new RecordingStored("record", "op", "maxSilenceTimeout", "/r/1.wav", 10, 3_000, "00")),
        List.of(new AuditEntry(OperatorAction.transfer("alice", "t", null, "+14255550100", "phone").redacted(), 4_000,
                "sales", "rejected: busy"),
            new AuditEntry(OperatorAction.hangup("alice", "t", null), 6_000, "sales", "done")));

    Timeline timeline = Timeline.of(call);

    assertThat(timeline.entries()).extracting(Timeline.Entry::text).containsExactly(
        "Call connected",
        "Pressed 1 at menu main",
        "Recorded at record (maxSilenceTimeout)",
        "Recorded 3.0 s message at record",
        "Operator alice transferred the call to a number (rejected: busy)",
        "No input at menu sales (attempt 1)",
        "Operator alice hung up");
    assertThat(timeline.entries().get(3).recordingIndex()).isZero();
    assertThat(timeline.entries()).extracting(Timeline.Entry::text).noneMatch(t -> t.contains("4255550100"));
  }
}
