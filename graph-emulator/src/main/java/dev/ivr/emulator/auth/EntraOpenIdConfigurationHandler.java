package dev.ivr.emulator.auth;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Json;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import java.util.function.Supplier;

/** {@code GET /{tenant}/v2.0/.well-known/openid-configuration}; endpoints point at the emulator. */
final class EntraOpenIdConfigurationHandler implements Handler {

  private final Supplier<String> baseUrl;

  EntraOpenIdConfigurationHandler(Supplier<String> baseUrl) {
    this.baseUrl = baseUrl;
  }

  @Override
  public Response handle(Request r) {
    String t = r.param("tenant");
    String b = baseUrl.get();
    var body = Json.object()
        .put("token_endpoint", b + "/" + t + "/oauth2/v2.0/token")
        .put("jwks_uri", b + "/" + t + "/discovery/v2.0/keys")
        .put("issuer", "https://login.microsoftonline.com/" + t + "/v2.0")
        .put("authorization_endpoint", b + "/" + t + "/oauth2/v2.0/authorize")
        .put("tenant_region_scope", "NA")
        .put("cloud_instance_name", "microsoftonline.com");
    body.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("private_key_jwt").add("client_secret_basic");
    body.putArray("response_types_supported").add("code").add("id_token").add("code id_token").add("id_token token");
    body.putArray("id_token_signing_alg_values_supported").add("RS256");
    body.putArray("subject_types_supported").add("pairwise");
    body.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
    return Response.json(200, body);
  }
}
