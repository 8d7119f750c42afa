package dev.ivr.emulator.auth;

import com.nimbusds.jwt.SignedJWT;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.EntraDirectory;
import dev.ivr.emulator.EntraSignOut;
import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /{tenant}/oauth2/v2.0/logout}: OpenID Connect RP-initiated logout (Entra's end-session
 * endpoint). The sign-out is recorded ({@code GraphEmulator#signOuts()}: whose, from the
 * {@code id_token_hint}, and where to). It goes back to {@code post_logout_redirect_uri} only when
 * the app has registered that URI; an unregistered one, or a hint this tenant did not sign, gets an
 * error page. Without a URI it shows that the user signed out.
 */
final class EndSessionHandler implements Handler {

  private final EmulatorConfig config;
  private final EntraSignIn signIn;
  private final TokenService keys;

  EndSessionHandler(EmulatorConfig config, EntraSignIn signIn, TokenService keys) {
    this.config = config;
    this.signIn = signIn;
    this.keys = keys;
  }

  @Override
  public Response handle(Request r) {
    String tenant = r.param("tenant");
    if (!tenant.equalsIgnoreCase(config.tenantId())) {
      return SignInPage.error(400, 90002, "Tenant '" + tenant + "' not found.");
    }
    EntraDirectory.App app = config.directory().app();
    String hint = r.query().get("id_token_hint");
    String oid = null;
    if (hint != null) {
      try {
        SignedJWT jwt = SignedJWT.parse(hint);
        List<String> audience = jwt.getJWTClaimsSet().getAudience();
        if (!keys.signedHere(jwt) || audience == null || !audience.contains(app.clientId())) {
          return SignInPage.error(400, 900144, "The id_token_hint was not issued by this tenant to the application.");
        }
        oid = jwt.getJWTClaimsSet().getStringClaim("oid");
      } catch (ParseException e) {
        return SignInPage.error(400, 900144, "The id_token_hint is not a token.");
      }
    }
    String back = r.query().get("post_logout_redirect_uri");
    if (back != null && !app.redirectUris().contains(back)) {
      return SignInPage.error(400, 50011, "The post_logout_redirect_uri '" + back + "' does not match the redirect"
          + " URIs configured for the application '" + app.clientId() + "'.");
    }
    signIn.signedOut(new EntraSignOut(oid, back));
    if (back == null) {
      return SignInPage.signedOut();
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("state", r.query().get("state"));
    return AuthorizeHandler.redirect(back, "query", params);
  }
}
