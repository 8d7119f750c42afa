package dev.ivr.workflows.graph;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code POST /communications/calls/{id}/reject} of an unanswered incoming call, with Graph's
 * {@code rejectReason} ({@code busy}, {@code forbidden} or {@code none}). Idempotent by the call id:
 * a call already gone is not an error.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RejectCall(String callId, String reason) {
  public static final String BUSY = "busy";
}
