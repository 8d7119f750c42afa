package dev.ivr.workflows.call;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A DTMF key press: Graph's {@code toneInfo}. {@code sequenceId} increases per call from 1. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToneReceived(long sequenceId, String tone) implements GraphEvent {
  @Override
  public String dedupKey() {
    return "tone:" + sequenceId;
  }
}
