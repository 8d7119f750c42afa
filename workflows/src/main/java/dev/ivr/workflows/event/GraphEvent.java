package dev.ivr.workflows.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One Graph event about a call, as the webhook extracted it from a commsNotification. Graph may
 * deliver an event twice, out of order, or never; the workflow deduplicates by {@link #dedupKey()}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = CallStateChanged.class, name = "callState"),
  @JsonSubTypes.Type(value = OperationCompleted.class, name = "operation"),
  @JsonSubTypes.Type(value = ToneReceived.class, name = "tone")
})
public sealed interface GraphEvent permits CallStateChanged, OperationCompleted, ToneReceived {
  /** Two events with the same key carry the same information; the second is ignored. */
  String dedupKey();
}
