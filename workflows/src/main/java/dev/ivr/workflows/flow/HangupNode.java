package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Ends the call (Graph {@code DELETE /communications/calls/{id}}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HangupNode() implements FlowNode {
  @Override
  @JsonIgnore
  public String onError() {
    return null;
  }
}
