package dev.ivr.workflows.operator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One operator action as the call saw it: the action (target redacted), when the workflow received
 * it (workflow time), the node the call was at, and what came of it ({@code done}, {@code rejected:
 * <why>}, {@code failed: <why>}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditEntry(OperatorAction action, long receivedAtMillis, String atNode, String result) {}
