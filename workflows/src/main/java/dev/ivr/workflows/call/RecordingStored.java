package dev.ivr.workflows.call;

/**
 * A recording that was downloaded from Graph and stored. {@code location} names it in the
 * recording store (a file path by default).
 */
public record RecordingStored(
    String nodeId,
    String operationId,
    String completionReason,
    String location,
    long sizeBytes,
    long durationMillis,
    String sha256) {}
