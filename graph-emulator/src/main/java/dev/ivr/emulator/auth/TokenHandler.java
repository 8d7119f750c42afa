package dev.ivr.emulator.auth;

import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Json;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** {@code POST /{tenant}/oauth2/v2.0/token}: the client-credentials grant with a client secret. */
final class TokenHandler implements Handler {

  private final EmulatorConfig config;
  private final TokenService tokens;

  TokenHandler(EmulatorConfig config, TokenService tokens) {
    this.config = config;
    this.tokens = tokens;
  }

  @Override
  public Response handle(Request r) {
    String tenant = r.param("tenant");
    if (!tenant.equalsIgnoreCase(config.tenantId())) {
      return EntraError.of(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found.");
    }
    Map<String, String> form = r.form();
    String clientId = form.get("client_id");
    String secret = form.get("client_secret");
    String basic = r.header("Authorization");
    if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
      String[] pair = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8).split(":", 2);
      clientId = pair[0];
      secret = pair.length > 1 ? pair[1] : null;
    }
    String grant = form.get("grant_type");
    if (!"client_credentials".equals(grant)) {
      return EntraError.of(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '" + grant + "'.");
    }
    if (clientId == null || !clientId.equals(config.clientId())) {
      return EntraError.of(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
          + "' was not found in the directory '" + tenant + "'.");
    }
    if (form.containsKey("client_assertion")) {
      return EntraError.of(401, "invalid_client", 700027, "Client assertion failed signature validation.");
    }
    if (secret == null || !secret.equals(config.clientSecret())) {
      return EntraError.of(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being"
          + " sent in the request is the client secret value, not the client secret ID, for a secret added to app '"
          + config.clientId() + "'.");
    }
    String scope = form.getOrDefault("scope", "");
    if (!scope.contains("https://graph.microsoft.com/.default")) {
      return EntraError.of(400, "invalid_scope", 1002012, "The provided value for scope " + scope
          + " is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
    }
    var body = Json.object()
        .put("token_type", "Bearer")
        .put("expires_in", TokenService.EXPIRES_IN)
        .put("ext_expires_in", TokenService.EXPIRES_IN)
        .put("access_token", tokens.issue(scope));
    return Response.json(200, body).withHeader("Cache-Control", "no-store, no-cache").withHeader("Pragma", "no-cache");
  }
}
