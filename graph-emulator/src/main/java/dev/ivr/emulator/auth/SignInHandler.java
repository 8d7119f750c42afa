package dev.ivr.emulator.auth;

import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.EntraDirectory;
import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /{tenant}/login}: the sign-in form's submission. Right credentials use up the sign-in
 * request and send the browser to its redirect URI with a code and the request's {@code state}; wrong
 * ones show the form again (AADSTS50126), naming neither which part was wrong nor the user.
 */
final class SignInHandler implements Handler {

  private final EmulatorConfig config;
  private final EntraSignIn signIn;

  SignInHandler(EmulatorConfig config, EntraSignIn signIn) {
    this.config = config;
    this.signIn = signIn;
  }

  @Override
  public Response handle(Request r) {
    Map<String, String> form = r.form();
    String id = form.get("request");
    EntraSignIn.Pending pending = signIn.pending(id);
    if (pending == null) {
      return SignInPage.error(400, 50058, "The sign-in request is unknown or has expired. Start again from the app.");
    }
    String username = form.get("username");
    Optional<EntraDirectory.User> user = config.directory().user(username);
    if (user.isEmpty() || !samePassword(user.get().password(), form.get("password"))) {
      return SignInPage.form(config.tenantId(), id, config.directory().app().displayName(), username,
          "AADSTS50126: Your account or password is incorrect.");
    }
    String code = signIn.issueCode(id, user.get());
    Map<String, String> params = new LinkedHashMap<>();
    params.put("code", code);
    params.put("state", pending.state());
    params.put("session_state", java.util.UUID.nameUUIDFromBytes(user.get().oid().getBytes(StandardCharsets.UTF_8))
        .toString());
    return AuthorizeHandler.redirect(pending.redirectUri(), pending.responseMode(), params);
  }

  private static boolean samePassword(String expected, String given) {
    return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        given.getBytes(StandardCharsets.UTF_8));
  }
}
