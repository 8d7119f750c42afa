package dev.ivr.workflows.call;

/**
 * Who called whom, from the incoming-call notification. {@code callerId} may be a phone number: it
 * is personal data, kept out of search attributes and logs.
 */
public record IncomingCall(
    String callerId, String callerKind, String targetId, String targetKind, String tenantId, String callChainId) {}
