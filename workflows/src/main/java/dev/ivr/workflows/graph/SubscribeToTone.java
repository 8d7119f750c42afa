package dev.ivr.workflows.graph;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Ask Graph to deliver the caller's DTMF keys as {@code toneInfo} call updates, for the whole call. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SubscribeToTone(String callId, String clientContext) {}
