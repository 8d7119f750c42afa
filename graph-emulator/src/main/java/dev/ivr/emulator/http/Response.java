package dev.ivr.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP response.
 *
 * @param status status code
 * @param headers response headers (besides Content-Type)
 * @param contentType content type, or null without a body
 * @param body the body (empty for none)
 * @param chunked send with chunked transfer encoding
 */
public record Response(int status, Map<String, String> headers, String contentType, byte[] body, boolean chunked) {

  public Response {
    headers = new LinkedHashMap<>(headers);
  }

  public static Response json(int status, JsonNode body) {
    return new Response(status, Map.of(), "application/json; charset=utf-8",
        Json.write(body).getBytes(StandardCharsets.UTF_8), false);
  }

  public static Response empty(int status) {
    return new Response(status, Map.of(), null, new byte[0], false);
  }

  public static Response text(int status, String text) {
    return new Response(status, Map.of(), "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), false);
  }

  public static Response bytes(int status, String contentType, byte[] body, boolean chunked) {
    return new Response(status, Map.of(), contentType, body, chunked);
  }

  public Response withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Response(status, h, contentType, body, chunked);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
