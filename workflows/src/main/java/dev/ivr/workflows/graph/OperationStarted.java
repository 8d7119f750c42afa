package dev.ivr.workflows.graph;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.ivr.workflows.event.ResultInfo;

/**
 * Graph's answer to a media action: the operation id and its status. When the status is already
 * {@code completed} or {@code failed}, Graph sends no notification, so the workflow takes this as
 * the completion.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OperationStarted(String operationId, String status, ResultInfo resultInfo) {
  @JsonIgnore
  public boolean isTerminal() {
    return "completed".equalsIgnoreCase(status) || "failed".equalsIgnoreCase(status);
  }
}
