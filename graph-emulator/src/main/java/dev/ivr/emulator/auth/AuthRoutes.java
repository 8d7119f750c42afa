package dev.ivr.emulator.auth;

import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.http.Router;
import java.util.function.Supplier;

/**
 * The identity surface: Entra ID's token endpoint and discovery, operator sign-in (the
 * authorization-code flow: authorize, the sign-in form, end-session), and the notification signing keys.
 */
public final class AuthRoutes {

  private AuthRoutes() {}

  public static void register(Router router, EmulatorConfig config, TokenService tokens, EntraTokens entra,
      EntraSignIn signIn, NotificationSigner signer, Supplier<String> baseUrl) {
    router
        .add("POST", "/{tenant}/oauth2/v2.0/token", new TokenHandler(config, tokens, entra, signIn))
        .add("GET", "/{tenant}/oauth2/v2.0/authorize", new AuthorizeHandler(config, signIn))
        .add("POST", "/{tenant}/login", new SignInHandler(config, signIn))
        .add("GET", "/{tenant}/oauth2/v2.0/logout", new EndSessionHandler(config, signIn, tokens))
        .add("GET", "/common/discovery/instance", new InstanceDiscoveryHandler())
        .add("GET", "/{tenant}/discovery/instance", new InstanceDiscoveryHandler())
        .add("GET", "/{tenant}/v2.0/.well-known/openid-configuration", new EntraOpenIdConfigurationHandler(config, baseUrl))
        .add("GET", "/{tenant}/discovery/v2.0/keys", r -> KeysHandler.jwks(tokens.publicKeys()))
        .add("GET", "/v1/.well-known/OpenIdConfiguration", new SkypeOpenIdConfigurationHandler(config, baseUrl))
        .add("GET", "/v1/.well-known/keys", r -> KeysHandler.jwks(signer.publicKeys()));
  }
}
