package dev.ivr.workflows.external;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request to an external system. {@code jsonBody} is sent with {@code Content-Type:
 * application/json} when not null. {@code timeoutMillis} bounds one attempt. {@code secure}: its
 * headers or body carry a secure variable's value (a PIN), so its payload is restricted: encrypted
 * like every payload, and never decrypted by the codec server for a person (false in histories
 * written before it existed).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OutboundHttpRequest(
    String method, String url, Map<String, String> headers, String jsonBody, int timeoutMillis, boolean secure) {
  public OutboundHttpRequest {
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public OutboundHttpRequest(String method, String url, Map<String, String> headers, String jsonBody,
      int timeoutMillis) {
    this(method, url, headers, jsonBody, timeoutMillis, false);
  }

  /**
   * The URL for logs and error messages: scheme, host, port and path, with any query string (which
   * may carry credentials) shown as {@code ?...}.
   */
  public static String redactedUrl(String url) {
    if (url == null) {
      return "null";
    }
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }

  /** Header values and the body may carry credentials or personal data: never printed. */
  @Override
  public String toString() {
    return "OutboundHttpRequest[" + method + " " + redactedUrl(url) + ", headers=" + headers.keySet()
        + ", body=" + (jsonBody == null ? "none" : jsonBody.length() + " chars") + ", timeoutMillis=" + timeoutMillis + (secure ? ", secure" : "") + "]";
  }
}
