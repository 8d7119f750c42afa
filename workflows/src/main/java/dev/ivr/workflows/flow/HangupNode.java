package dev.ivr.workflows.flow;

/** Ends the call (Graph {@code DELETE /communications/calls/{id}}). */
public record HangupNode() implements FlowNode {}
