package dev.ivr.workflows.graph;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.RecordSettings;

/** Record the caller after an optional prompt; {@code clientContext} correlates the completion. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordResponse(String callId, String clientContext, MediaRef prompt, RecordSettings settings) {}
