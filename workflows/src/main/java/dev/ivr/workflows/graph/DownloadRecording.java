package dev.ivr.workflows.graph;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Which recording to fetch and under which id to store it ({@code <workflowId>/<clientContext step>}).
 * {@code accessToken} is a secret: {@link #toString()} redacts it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DownloadRecording(
    String recordingId, String nodeId, String operationId, String completionReason, String location, String accessToken) {
  @Override
  public String toString() {
    return "DownloadRecording[recordingId=" + recordingId + ", nodeId=" + nodeId + ", operationId=" + operationId
        + ", location=" + dev.ivr.workflows.external.OutboundHttpRequest.redactedUrl(location) + ", accessToken=<redacted>]";
  }
}
