package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One node of an IVR flow. Nodes name their successors by node id. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = PlayNode.class, name = "play"),
  @JsonSubTypes.Type(value = RecordNode.class, name = "record"),
  @JsonSubTypes.Type(value = HangupNode.class, name = "hangup")
})
public sealed interface FlowNode permits PlayNode, RecordNode, HangupNode {}
