package dev.ivr.workflows.graph;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Cancel the running and queued playPrompt/recordResponse operations (each then completes as failed
 * 400/8508). Used for barge-in: a key pressed during a prompt.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CancelMediaProcessing(String callId, String clientContext) {}
