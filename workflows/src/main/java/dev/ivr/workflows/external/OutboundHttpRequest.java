package dev.ivr.workflows.external;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * One request to an external system. {@code jsonBody} is sent with {@code Content-Type:
 * application/json} when not null. {@code timeoutMillis} bounds one attempt.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OutboundHttpRequest(
    String method, String url, Map<String, String> headers, String jsonBody, int timeoutMillis) {
  public OutboundHttpRequest {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }
}
