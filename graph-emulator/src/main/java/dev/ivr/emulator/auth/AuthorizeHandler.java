package dev.ivr.emulator.auth;

import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.EntraDirectory;
import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /{tenant}/oauth2/v2.0/authorize}: the start of the authorization-code flow. As Entra
 * does, a request for an unknown tenant or app, or with a redirect URI the app has not registered
 * (exact match), gets an error page here and is never redirected. Any other problem goes back to
 * the redirect URI as {@code error} and {@code error_description}, with the {@code state}:
 * a {@code response_type} other than {@code code}, or a request without PKCE ({@code code_challenge}
 * with method {@code S256}; Entra requires PKCE of single-page apps only, the emulator of every app,
 * so a relying party that forgets it fails here). A good request gets the sign-in form.
 */
final class AuthorizeHandler implements Handler {

  private static final List<String> RESPONSE_MODES = List.of("query", "form_post");

  private final EmulatorConfig config;
  private final EntraSignIn signIn;

  AuthorizeHandler(EmulatorConfig config, EntraSignIn signIn) {
    this.config = config;
    this.signIn = signIn;
  }

  @Override
  public Response handle(Request r) {
    String tenant = r.param("tenant");
    if (!tenant.equalsIgnoreCase(config.tenantId())) {
      return SignInPage.error(400, 90002, "Tenant '" + tenant + "' not found.");
    }
    Map<String, String> q = r.query();
    EntraDirectory.App app = config.directory().app();
    String clientId = q.get("client_id");
    if (clientId == null || !clientId.equalsIgnoreCase(app.clientId())) {
      return SignInPage.error(400, 700016, "Application with identifier '" + clientId
          + "' was not found in the directory '" + tenant + "'.");
    }
    String redirectUri = q.get("redirect_uri");
    if (redirectUri == null || !app.redirectUris().contains(redirectUri)) {
      return SignInPage.error(400, 50011, "The redirect URI '" + redirectUri + "' specified in the request does not"
          + " match the redirect URIs configured for the application '" + app.clientId() + "'.");
    }
    String state = q.get("state");
    String responseMode = q.getOrDefault("response_mode", "query");
    if (!RESPONSE_MODES.contains(responseMode)) {
      return redirectError(redirectUri, "query", state, "invalid_request", 9000411,
          "response_mode '" + responseMode + "' is not supported here (query, form_post).");
    }
    if (!"code".equals(q.get("response_type"))) {
      return redirectError(redirectUri, responseMode, state, "unsupported_response_type", 700054,
          "response_type '" + q.get("response_type") + "' is not enabled for the application.");
    }
    String challenge = q.get("code_challenge");
    if (challenge == null || challenge.isBlank()) {
      return redirectError(redirectUri, responseMode, state, "invalid_request", 9002325,
          "Proof Key for Code Exchange is required for this application.");
    }
    if (!"S256".equals(q.get("code_challenge_method"))) {
      return redirectError(redirectUri, responseMode, state, "invalid_request", 501491,
          "Invalid code_challenge_method: use S256.");
    }
    String id = signIn.pend(new EntraSignIn.Pending(app.clientId(), redirectUri, q.getOrDefault("scope", ""), state,
        q.get("nonce"), challenge, responseMode, Instant.now().plus(EntraSignIn.LIFETIME)));
    return SignInPage.form(config.tenantId(), id, app.displayName(), q.get("login_hint"), null);
  }

  /** Sends the browser back to the (registered) redirect URI with these parameters. */
  static Response redirect(String redirectUri, String responseMode, Map<String, String> params) {
    if ("form_post".equals(responseMode)) {
      return SignInPage.formPost(redirectUri, params);
    }
    StringBuilder url = new StringBuilder(redirectUri);
    char sep = redirectUri.contains("?") ? '&' : '?';
    for (var e : params.entrySet()) {
      if (e.getValue() == null) continue;
      url.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return Response.empty(302).withHeader("Location", url.toString()).withHeader("Cache-Control", "no-store");
  }

  private static Response redirectError(String redirectUri, String responseMode, String state, String error,
      int aadsts, String description) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("error", error);
    params.put("error_description", "AADSTS" + aadsts + ": " + description);
    params.put("state", state);
    return redirect(redirectUri, responseMode, params);
  }
}
