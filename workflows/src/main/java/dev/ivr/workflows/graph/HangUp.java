package dev.ivr.workflows.graph;

/** End the call from the bot's side. */
public record HangUp(String callId) {}
