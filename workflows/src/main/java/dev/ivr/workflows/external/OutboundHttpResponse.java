package dev.ivr.workflows.external;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer of an external system: status, headers (lower-case names), the body as text (at most
 * 256 KiB) and, when the body is JSON, its parsed value ({@code Map}, {@code List}, string,
 * number, boolean) for the flow's response mapping.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OutboundHttpResponse(int status, Map<String, String> headers, String body, Object json) {
  public OutboundHttpResponse {
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }
}
