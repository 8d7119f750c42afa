package dev.ivr.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request as handlers see it.
 *
 * @param method upper-case HTTP method
 * @param path the decoded path, without the query
 * @param query decoded query parameters (last one wins)
 * @param headers request headers (case-insensitive)
 * @param body the raw body
 * @param params path variables of the matched route
 * @param receivedNanos {@link System#nanoTime()} when it arrived
 */
public record Request(
    String method, String path, Map<String, String> query, Headers headers, byte[] body,
    Map<String, String> params, long receivedNanos) {

  public String header(String name) {
    return headers.getFirst(name);
  }

  public String param(String name) {
    return params.get(name);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body as JSON; an empty body is {@code null} JSON; malformed JSON is a 400. */
  public JsonNode json() {
    if (body.length == 0) return NullNode.getInstance();
    try {
      return Json.MAPPER.readTree(body);
    } catch (Exception e) {
      throw HttpError.badRequest("The request is invalid: the body is not valid JSON.");
    }
  }

  /** The body as an application/x-www-form-urlencoded map. */
  public Map<String, String> form() {
    return parseQuery(bodyText());
  }

  public Request withParams(Map<String, String> p) {
    return new Request(method, path, query, headers, body, Map.copyOf(p), receivedNanos);
  }

  public static Map<String, String> parseQuery(String raw) {
    Map<String, String> m = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) return m;
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) continue;
      int i = pair.indexOf('=');
      String k = i < 0 ? pair : pair.substring(0, i);
      String v = i < 0 ? "" : pair.substring(i + 1);
      m.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return m;
  }
}
