package dev.ivr.workflows.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The payload of the {@code graphEvent} ({@code CallIds.GRAPH_EVENT_SIGNAL}) signal. {@code messageId} is the
 * {@code X-Microsoft-Skype-Message-ID} of the POST that carried the event (for audit), and
 * {@code receivedAtMillis} when the webhook received it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GraphEventSignal(String messageId, long receivedAtMillis, GraphEvent event) {
  public GraphEventSignal {
    if (event == null) {
      throw new IllegalArgumentException("event is required");
    }
  }
}
