package dev.ivr.workflows.visibility;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One call in the call index: enough to list and find it (no phone numbers). {@code outcome} and
 * {@code endedAtMillis} are null/0 while it runs.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallIndexEntry(
    String callId,
    String workflowId,
    String flowId,
    String flowVersion,
    String direction,
    String tenantId,
    long startedAtMillis,
    long endedAtMillis,
    String outcome) {}
