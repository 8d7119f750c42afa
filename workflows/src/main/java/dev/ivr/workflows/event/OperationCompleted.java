package dev.ivr.workflows.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A media operation (playPrompt, recordResponse…) reached a terminal status. Correlated with the
 * step that started it by {@code clientContext}, falling back to {@code operationId}.
 *
 * <p>{@code recordingAccessToken} is a secret: never log it or put it in a result.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OperationCompleted(
    String operationId,
    String operationType,
    String clientContext,
    String status,
    ResultInfo resultInfo,
    String completionReason,
    String recordingLocation,
    String recordingAccessToken)
    implements GraphEvent {

  @Override
  public String dedupKey() {
    return "op:" + (clientContext != null ? clientContext : operationId) + ":" + status;
  }

  public boolean succeeded() {
    return "completed".equalsIgnoreCase(status) && (resultInfo == null || resultInfo.isSuccess());
  }

  @Override
  public String toString() {
    return "OperationCompleted[operationId=" + operationId + ", type=" + operationType + ", clientContext="
        + clientContext + ", status=" + status + ", resultInfo=" + resultInfo + ", completionReason="
        + completionReason + ", recordingLocation=" + recordingLocation + ", recordingAccessToken="
        + (recordingAccessToken == null ? "null" : "<redacted>") + "]";
  }
}
