package dev.ivr.api.security;

import java.net.URI;

/**
 * A tenant's OpenID Connect endpoints under an Entra authority, laid out as Entra publishes them in
 * {@code <authority>/<tenant>/v2.0/.well-known/openid-configuration}. Derived rather than discovered,
 * so that the api starts (and Graph's webhook works) while Entra cannot be reached.
 */
record EntraEndpoints(String issuer, String authorization, String token, String jwks, String endSession) {

  static EntraEndpoints of(URI authority, String tenantId) {
    String base = authority.toString().replaceAll("/+$", "") + "/" + tenantId;
    return new EntraEndpoints(base + "/v2.0", base + "/oauth2/v2.0/authorize", base + "/oauth2/v2.0/token",
        base + "/discovery/v2.0/keys", base + "/oauth2/v2.0/logout");
  }
}
