package dev.ivr.emulator.auth;

import com.nimbusds.jose.jwk.JWKSet;
import dev.ivr.emulator.http.Response;
import java.nio.charset.StandardCharsets;

/** Serves a JWKS document. */
final class KeysHandler {

  private KeysHandler() {}

  static Response jwks(JWKSet keys) {
    return Response.bytes(200, "application/json; charset=utf-8",
        keys.toString(true).getBytes(StandardCharsets.UTF_8), false);
  }
}
