package dev.ivr.workflows.graph;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Tell Graph the bot still holds the call: Graph ends a call with no keepAlive for 45 minutes. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeepAlive(String callId) {}
