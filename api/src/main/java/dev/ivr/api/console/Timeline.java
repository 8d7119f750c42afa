package dev.ivr.api.console;

import dev.ivr.workflows.call.CallSnapshot;
import dev.ivr.workflows.call.StepTaken;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.operator.AuditEntry;
import dev.ivr.workflows.operator.OperatorAction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A call in IVR terms, one time-ordered list: the nodes it went through, the recordings it made
 * (placed at the step that recorded them) and the operator actions taken on it, each with a line
 * of human text ("Pressed 1 at menu main", "Recorded 3.0 s message", "Operator alice hung up").
 * Never a phone number: transfer targets are not shown.
 */
record Timeline(String workflowId, String outcome, List<Entry> entries) {

  Timeline {
    entries = List.copyOf(entries);
  }

  /**
   * One line: {@code kind} is {@code step}, {@code recording} or {@code operator}; {@code recordingIndex}
   * is the index for {@code /recordings/{index}} (recordings only, else -1).
   */
  record Entry(long atMillis, String kind, String nodeId, String nodeType, String outcome, String text,
      int recordingIndex) {}

  /** The path step type the workflow gives an operator's action. */
  private static final String OPERATOR_STEP = "operator";

  static Timeline of(CallSnapshot call) {
    List<Entry> entries = new ArrayList<>();
    List<StepTaken> path = call.path() == null ? List.of() : call.path();
    List<RecordingStored> recordings = call.recordings() == null ? List.of() : call.recordings();
    boolean[] placed = new boolean[recordings.size()];
    for (StepTaken step : path) {
      if (OPERATOR_STEP.equals(step.type())) {
        continue; // the audit below tells the operator's action, with its result
      }
      entries.add(new Entry(step.atMillis(), "step", step.nodeId(), step.type(), step.outcome(), describe(step), -1));
      if (step.outcome() != null && step.outcome().startsWith("recorded")) {
        for (int i = 0; i < recordings.size(); i++) {
          if (!placed[i] && step.nodeId().equals(recordings.get(i).nodeId())) {
            placed[i] = true;
            entries.add(recording(step.atMillis(), recordings.get(i), i));
            break;
          }
        }
      }
    }
    long end = path.isEmpty() ? call.startedAtMillis() : path.get(path.size() - 1).atMillis();
    for (int i = 0; i < recordings.size(); i++) {
      if (!placed[i]) {
        entries.add(recording(end, recordings.get(i), i));
      }
    }
    for (AuditEntry audit : call.audit() == null ? List.<AuditEntry>of() : call.audit()) {
      entries.add(new Entry(audit.receivedAtMillis(), "operator", audit.atNode(), null, audit.result(),
          describe(audit), -1));
    }
    // stable: equal times keep path, recording, operator order
    entries.sort(Comparator.comparingLong(Entry::atMillis));
    return new Timeline(call.workflowId(), call.outcome(), entries);
  }

  private static Entry recording(long at, RecordingStored recording, int index) {
    String text = String.format(Locale.ROOT, "Recorded %.1f s message at %s", recording.durationMillis() / 1000.0,
        recording.nodeId());
    return new Entry(at, "recording", recording.nodeId(), "record", recording.completionReason(), text, index);
  }

  static String describe(StepTaken step) {
    String node = step.nodeId();
    String type = step.type() == null ? "node" : step.type();
    String outcome = step.outcome() == null ? "" : step.outcome();
    String detail = outcome.contains(":") ? outcome.substring(outcome.indexOf(':') + 1) : "";
    String kind = outcome.contains(":") ? outcome.substring(0, outcome.indexOf(':')) : outcome;
    return switch (kind) {
      case "choice" -> "Pressed " + detail + " at " + type + " " + node;
      case "noInput" -> "No input at " + type + " " + node + " (attempt " + detail + ")";
      case "noMatch" -> "Invalid key at " + type + " " + node + " (attempt " + detail + ")";
      case "maxTimeouts" -> "Too many timeouts at " + type + " " + node;
      case "maxFailures" -> "Too many invalid keys at " + type + " " + node;
      case "recorded" -> "Recorded at " + node + " (" + detail + ")";
      case "collected" -> "Digits collected at " + node;
      case "established" -> "Call connected";
      case "hungUp" -> "Caller hung up at " + node;
      case "hangUp" -> "Hung up by the flow at " + node;
      case "transferred" -> "Transferred at " + node;
      case "timeout" -> "Timed out at " + node;
      case "error" -> "Error at " + type + " " + node;
      case "failed" -> "Failed at " + type + " " + node + (detail.isEmpty() ? "" : " (" + detail + ")");
      case "status" -> "HTTP " + detail + " at " + node;
      case "when" -> "Branch " + node + ": condition " + detail + " held";
      case "otherwise" -> "Branch " + node + ": otherwise";
      case "open", "closed" -> "Business hours " + node + ": " + kind;
      case "enter" -> "Entered subflow " + detail;
      case "returned" -> "Returned from subflow " + node;
      case "set" -> "Set variables at " + node;
      default -> "play".equals(type) ? "Played " + node : capitalise(type) + " " + node + (outcome.isEmpty() ? "" : ": "
          + outcome);
    };
  }

  static String describe(AuditEntry audit) {
    OperatorAction action = audit.action();
    String who = "Operator " + (action == null || action.operator() == null ? "?" : action.operator());
    String what = action == null ? "acted" : switch (String.valueOf(action.type())) {
      case OperatorAction.HANGUP -> "hung up";
      case OperatorAction.TRANSFER -> "transferred the call to " + (OperatorAction.USER.equals(action.targetKind())
          ? "an agent" : "a number");
      case OperatorAction.ANNOUNCE -> "announced " + action.promptKey();
      default -> "asked for " + action.type();
    };
    String result = audit.result() == null || audit.result().equals("done") ? "" : " (" + audit.result() + ")";
    return who + " " + what + result;
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
