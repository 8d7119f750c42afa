package dev.ivr.workflows.external;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Collections;
import dev.ivr.workflows.flow.HttpAuth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request to an external system. {@code jsonBody} is sent with {@code Content-Type:
 * application/json} when not null. {@code timeoutMillis} bounds one attempt. {@code secure}: its
 * headers or body carry a secure variable's value (a PIN), so its payload is restricted: encrypted
 * like every payload, and never decrypted by the codec server for a person (false in histories
 * written before it existed). {@code answeredStatuses}: statuses (keys of {@link
 * dev.ivr.workflows.flow.StatusRange}) that the flow routes, returned as answers, never retried nor
 * failed. {@code auth}: the name of the secret whose value the activity adds (never the value).
 * {@code downloads}: where the activity puts signed recording download URLs ({@link RecordingDownloads});
 * null (and not written) when the request has no {@code recordingDownloadUrl(...)} placeholder.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OutboundHttpRequest(
    String method, String url, Map<String, String> headers, String jsonBody, int timeoutMillis, boolean secure,
    List<String> answeredStatuses, HttpAuth auth,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    RecordingDownloads downloads) {
  public OutboundHttpRequest {
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    answeredStatuses = answeredStatuses == null ? List.of() : List.copyOf(answeredStatuses);
  }

  public OutboundHttpRequest(String method, String url, Map<String, String> headers, String jsonBody,
      int timeoutMillis, boolean secure, List<String> answeredStatuses, HttpAuth auth) {
    this(method, url, headers, jsonBody, timeoutMillis, secure, answeredStatuses, auth, null);
  }

  public OutboundHttpRequest(String method, String url, Map<String, String> headers, String jsonBody,
      int timeoutMillis, boolean secure) {
    this(method, url, headers, jsonBody, timeoutMillis, secure, null, null);
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
        + ", body=" + (jsonBody == null ? "none" : jsonBody.length() + " chars") + ", timeoutMillis=" + timeoutMillis + (secure ? ", secure" : "")
        + (auth == null ? "" : ", secret " + auth.secret()) + "]";
  }
}
