package dev.ivr.api.callback;

import dev.ivr.workflows.event.GraphEvent;
import java.util.List;

/**
 * What one notification means for our workflows: the Graph call it concerns and the events to
 * signal, in order. {@code startsCall} marks an incoming call, which is handed over with
 * signalWithStart; {@code tenantId} and {@code direction} then go into the workflow input.
 * {@code ignoredReason} is set (and {@code events} empty) when the notification carries nothing we use.
 */
record MappedNotification(
    String callId,
    List<GraphEvent> events,
    boolean startsCall,
    String tenantId,
    String direction,
    String ignoredReason) {

  MappedNotification {
    events = List.copyOf(events);
  }

  static MappedNotification events(String callId, List<GraphEvent> events) {
    return new MappedNotification(callId, events, false, null, null, null);
  }

  static MappedNotification incoming(String callId, GraphEvent event, String tenantId, String direction) {
    return new MappedNotification(callId, List.of(event), true, tenantId, direction, null);
  }

  static MappedNotification ignored(String callId, String reason) {
    return new MappedNotification(callId, List.of(), false, null, null, reason);
  }

  boolean isIgnored() {
    return ignoredReason != null;
  }
}
