package dev.ivr.workflows.call;

/** One node visited on the path of a call, with how it ended and when (workflow time). */
public record StepTaken(String nodeId, String type, String outcome, long atMillis) {}
