package dev.ivr.workflows.call;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One node visited on the path of a call, with how it ended and when (workflow time). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StepTaken(String nodeId, String type, String outcome, long atMillis) {}
