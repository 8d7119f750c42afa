package dev.ivr.emulator.auth;

import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Json;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import java.util.function.Supplier;

/**
 * {@code GET /{tenant}/v2.0/.well-known/openid-configuration}: the tenant's OpenID Connect metadata,
 * laid out as Entra's ({@code <authority>/<tenant>/oauth2/v2.0/authorize}, {@code …/token},
 * {@code …/logout}, {@code <authority>/<tenant>/discovery/v2.0/keys}, issuer
 * {@code <authority>/<tenant>/v2.0}), the authority being the emulator. An unknown tenant is a 400.
 */
final class EntraOpenIdConfigurationHandler implements Handler {

  private final EmulatorConfig config;
  private final Supplier<String> baseUrl;

  EntraOpenIdConfigurationHandler(EmulatorConfig config, Supplier<String> baseUrl) {
    this.config = config;
    this.baseUrl = baseUrl;
  }

  @Override
  public Response handle(Request r) {
    String t = r.param("tenant");
    if (!t.equalsIgnoreCase(config.tenantId())) {
      return EntraError.of(400, "invalid_tenant", 90002, "Tenant '" + t + "' not found.");
    }
    String b = baseUrl.get() + "/" + config.tenantId();
    var body = Json.object()
        .put("token_endpoint", b + "/oauth2/v2.0/token")
        .put("jwks_uri", b + "/discovery/v2.0/keys")
        .put("issuer", b + "/v2.0")
        .put("authorization_endpoint", b + "/oauth2/v2.0/authorize")
        .put("end_session_endpoint", b + "/oauth2/v2.0/logout")
        .put("request_uri_parameter_supported", false)
        .put("frontchannel_logout_supported", true)
        .put("http_logout_supported", true)
        .put("tenant_region_scope", "NA")
        .put("cloud_instance_name", "microsoftonline.com");
    body.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("private_key_jwt").add("client_secret_basic");
    body.putArray("response_modes_supported").add("query").add("fragment").add("form_post");
    body.putArray("response_types_supported").add("code").add("id_token").add("code id_token").add("id_token token");
    body.putArray("id_token_signing_alg_values_supported").add("RS256");
    body.putArray("subject_types_supported").add("pairwise");
    body.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
    body.putArray("code_challenge_methods_supported").add("plain").add("S256");
    body.putArray("claims_supported").add("sub").add("iss").add("aud").add("exp").add("iat").add("nonce")
        .add("name").add("preferred_username").add("oid").add("tid").add("ver").add("roles").add("groups");
    return Response.json(200, body);
  }
}
