package dev.ivr.emulator.auth;

import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.EntraDirectory;
import dev.ivr.emulator.EntraTokenVariant;
import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Json;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /{tenant}/oauth2/v2.0/token}, with a client secret (form or HTTP Basic):
 *
 * <ul>
 *   <li>{@code client_credentials} of the bot for {@code https://graph.microsoft.com/.default}: a Graph token;
 *   <li>{@code client_credentials} of a directory client for the app ({@code api://<app id>/.default} or
 *       {@code <app id>/.default}): an app-only token for the app, its application permissions in {@code roles};
 *   <li>{@code authorization_code} of the app: the code is redeemed once, with the redirect URI and the PKCE
 *       verifier of its request, for an ID token (when {@code openid} was asked) and an access token (for the
 *       app when one of its scopes was asked, else for Graph).
 * </ul>
 */
final class TokenHandler implements Handler {

  private final EmulatorConfig config;
  private final TokenService tokens;
  private final EntraTokens entra;
  private final EntraSignIn signIn;

  TokenHandler(EmulatorConfig config, TokenService tokens, EntraTokens entra, EntraSignIn signIn) {
    this.config = config;
    this.tokens = tokens;
    this.entra = entra;
    this.signIn = signIn;
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
      clientId = java.net.URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
      secret = pair.length > 1 ? java.net.URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
    }
    String grant = form.get("grant_type");
    if (!"client_credentials".equals(grant) && !"authorization_code".equals(grant)) {
      return EntraError.of(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '" + grant + "'.");
    }
    String expectedSecret = secretOf(clientId);
    if (expectedSecret == null) {
      return EntraError.of(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
          + "' was not found in the directory '" + tenant + "'.");
    }
    if (form.containsKey("client_assertion")) {
      return EntraError.of(401, "invalid_client", 700027, "Client assertion failed signature validation.");
    }
    if (secret == null || !java.security.MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
        expectedSecret.getBytes(StandardCharsets.UTF_8))) {
      return EntraError.of(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being"
          + " sent in the request is the client secret value, not the client secret ID, for a secret added to app '"
          + clientId + "'.");
    }
    return "authorization_code".equals(grant) ? authorizationCode(clientId, form) : clientCredentials(clientId, form);
  }

  /** The secret of the bot, the app or a directory client; null for an unknown client. */
  private String secretOf(String clientId) {
    if (clientId == null) return null;
    EntraDirectory directory = config.directory();
    if (clientId.equals(config.clientId())) return config.clientSecret();
    if (clientId.equalsIgnoreCase(directory.app().clientId())) return directory.app().clientSecret();
    return directory.client(clientId).map(EntraDirectory.Client::clientSecret).orElse(null);
  }

  private Response clientCredentials(String clientId, Map<String, String> form) {
    String scope = form.getOrDefault("scope", "");
    EntraDirectory.App app = config.directory().app();
    if (clientId.equals(config.clientId()) && scope.contains("https://graph.microsoft.com/.default")) {
      return tokenResponse(tokens.issue(scope), null, null);
    }
    boolean forApp = scope.equals(app.appIdUri() + "/.default") || scope.equals(app.clientId() + "/.default");
    var client = config.directory().client(clientId);
    if (forApp && client.isPresent()) {
      return tokenResponse(entra.clientAccessToken(client.get()), null, null);
    }
    return EntraError.of(400, "invalid_scope", 1002012, "The provided value for scope " + scope
        + " is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
  }

  private Response authorizationCode(String clientId, Map<String, String> form) {
    EntraDirectory.App app = config.directory().app();
    if (!clientId.equalsIgnoreCase(app.clientId())) {
      return EntraError.of(400, "unauthorized_client", 700016, "Application '" + clientId
          + "' has no sign-in in the directory.");
    }
    EntraSignIn.Redemption redemption = signIn.redeem(form.get("code"));
    if (redemption instanceof EntraSignIn.Redemption.AlreadyRedeemed) {
      return EntraError.of(400, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please"
          + " retry with a new valid code or use an existing refresh token.");
    }
    if (redemption instanceof EntraSignIn.Redemption.Expired) {
      return EntraError.of(400, "invalid_grant", 70008, "The provided authorization code or refresh token has"
          + " expired due to inactivity. Send a new interactive authorization request for this user and resource.");
    }
    if (!(redemption instanceof EntraSignIn.Redemption.Redeemed redeemed)) {
      return EntraError.of(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
    }
    EntraSignIn.Grant grant = redeemed.grant();
    if (!grant.clientId().equalsIgnoreCase(clientId) || !grant.redirectUri().equals(form.get("redirect_uri"))) {
      return EntraError.of(400, "invalid_grant", 500112, "The reply address does not match the reply address"
          + " provided when requesting the authorization code.");
    }
    if (!EntraSignIn.verifierMatches(form.get("code_verifier"), grant.codeChallenge())) {
      return EntraError.of(400, "invalid_grant", 501481, "The Code_Verifier does not match the code_challenge"
          + " supplied in the authorization request.");
    }
    List<String> scopes = Arrays.stream(grant.scope().split(" ")).filter(s -> !s.isBlank()).toList();
    List<String> appScopes = scopes.stream()
        .filter(s -> s.startsWith(app.appIdUri() + "/") || s.startsWith(app.clientId() + "/"))
        .map(s -> s.substring(s.lastIndexOf('/') + 1)).toList();
    String access = appScopes.isEmpty()
        ? entra.graphAccessToken(grant.user(), clientId, List.of("openid", "profile", "email", "User.Read"))
        : entra.userAccessToken(grant.user(), clientId, appScopes, EntraTokenVariant.VALID);
    String idToken = scopes.contains("openid") ? entra.idToken(grant.user(), grant.nonce(), signIn.idTokenVariant()) : null;
    return tokenResponse(access, idToken, String.join(" ", scopes));
  }

  private static Response tokenResponse(String accessToken, String idToken, String scope) {
    var body = Json.object().put("token_type", "Bearer");
    if (scope != null) body.put("scope", scope);
    body.put("expires_in", TokenService.EXPIRES_IN)
        .put("ext_expires_in", TokenService.EXPIRES_IN)
        .put("access_token", accessToken);
    if (idToken != null) body.put("id_token", idToken);
    return Response.json(200, body).withHeader("Cache-Control", "no-store, no-cache").withHeader("Pragma", "no-cache");
  }
}
