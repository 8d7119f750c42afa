package dev.ivr.emulator.auth;

import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Json;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import java.util.function.Supplier;

/** {@code GET /v1/.well-known/OpenIdConfiguration}: stands in for api.aps.skype.com's document. */
final class SkypeOpenIdConfigurationHandler implements Handler {

  private final EmulatorConfig config;
  private final Supplier<String> baseUrl;

  SkypeOpenIdConfigurationHandler(EmulatorConfig config, Supplier<String> baseUrl) {
    this.config = config;
    this.baseUrl = baseUrl;
  }

  @Override
  public Response handle(Request r) {
    var body = Json.object()
        .put("issuer", config.notificationIssuer())
        .put("authorization_endpoint", "https://api.aps.skype.com/v1/authorize")
        .put("jwks_uri", baseUrl.get() + "/v1/.well-known/keys");
    body.putArray("id_token_signing_alg_values_supported").add("RS256");
    body.putArray("token_endpoint_auth_methods_supported").add("private_key_jwt");
    body.putArray("issuers").add(EmulatorConfig.ISSUER_GRAPH).add(EmulatorConfig.ISSUER_BOT_FRAMEWORK);
    return Response.json(200, body);
  }
}
