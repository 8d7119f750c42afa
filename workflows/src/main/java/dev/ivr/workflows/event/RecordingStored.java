package dev.ivr.workflows.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A recording that was downloaded from Graph and stored. {@code location} names it in the
 * recording store (a file path by default).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordingStored(
    String nodeId,
    String operationId,
    String completionReason,
    String location,
    long sizeBytes,
    long durationMillis,
    String sha256) {}
