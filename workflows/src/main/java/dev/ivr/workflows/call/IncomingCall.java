package dev.ivr.workflows.call;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Who called whom, from the incoming-call notification. {@code callerId} may be a phone number: it
 * is personal data, kept out of search attributes and logs.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncomingCall(
    String callerId, String callerKind, String targetId, String targetKind, String tenantId, String callChainId) {}
