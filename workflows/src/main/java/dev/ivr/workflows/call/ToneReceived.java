package dev.ivr.workflows.call;

/** A DTMF key press: Graph's {@code toneInfo}. {@code sequenceId} increases per call from 1. */
public record ToneReceived(long sequenceId, String tone) implements GraphEvent {
  @Override
  public String dedupKey() {
    return "tone:" + sequenceId;
  }
}
