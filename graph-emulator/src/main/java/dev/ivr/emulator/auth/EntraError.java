package dev.ivr.emulator.auth;

import dev.ivr.emulator.http.Json;
import dev.ivr.emulator.http.Response;
import java.time.Instant;
import java.util.UUID;

/** Entra ID's OAuth error body: {@code error}, {@code error_description} with an AADSTS code, {@code error_codes}. */
final class EntraError {

  private EntraError() {}

  static Response of(int status, String error, int aadsts, String description) {
    var body = Json.object()
        .put("error", error)
        .put("error_description", "AADSTS" + aadsts + ": " + description + " Trace ID: " + UUID.randomUUID()
            + " Correlation ID: " + UUID.randomUUID() + " Timestamp: " + Instant.now())
        .put("timestamp", Instant.now().toString())
        .put("trace_id", UUID.randomUUID().toString())
        .put("correlation_id", UUID.randomUUID().toString())
        .put("error_uri", "https://login.microsoftonline.com/error?code=" + aadsts);
    body.putArray("error_codes").add(aadsts);
    return Response.json(status, body);
  }
}
