package dev.ivr.workflows.graph;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** End the call from the bot's side. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HangUp(String callId) {}
