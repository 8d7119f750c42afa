package dev.ivr.emulator.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** A handler's way to answer with an error; the surface renders it in its own error shape. */
public final class HttpError extends RuntimeException {

  private final int status;
  private final String code;
  private final Map<String, String> headers;

  public HttpError(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  public HttpError(int status, String code, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.headers = new LinkedHashMap<>(headers);
  }

  public static HttpError badRequest(String message) {
    return new HttpError(400, "BadRequest", message);
  }

  public static HttpError notFound(String message) {
    return new HttpError(404, "NotFound", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
