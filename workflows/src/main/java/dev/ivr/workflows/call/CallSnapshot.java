package dev.ivr.workflows.call;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.operator.AuditEntry;
import java.util.List;
import java.util.Map;

/**
 * Everything an operator sees of one call, from one query: who and what (no phone numbers), where
 * it is now, how it got there, its variables (redacted as the flow declares), its recordings and
 * the operator actions taken on it. {@code outcome} is null while the call runs. {@code attempts}: where an
 * outbound call whose flow retries is in its schedule (null, absent, for every other call).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallSnapshot(
    String callId,
    String workflowId,
    String flowId,
    String flowVersion,
    String direction,
    String tenantId,
    String callState,
    String currentNode,
    String currentNodeType,
    String outcome,
    long startedAtMillis,
    List<StepTaken> path,
    Map<String, Object> variables,
    List<RecordingStored> recordings,
    List<AuditEntry> audit,
    @JsonInclude(JsonInclude.Include.NON_NULL) CallAttempts attempts) {

  /** A snapshot of a call without a retry schedule. */
  public CallSnapshot(String callId, String workflowId, String flowId, String flowVersion, String direction,
      String tenantId, String callState, String currentNode, String currentNodeType, String outcome,
      long startedAtMillis, List<StepTaken> path, Map<String, Object> variables, List<RecordingStored> recordings,
      List<AuditEntry> audit) {
    this(callId, workflowId, flowId, flowVersion, direction, tenantId, callState, currentNode, currentNodeType, outcome,
        startedAtMillis, path, variables, recordings, audit, null);
  }
}
