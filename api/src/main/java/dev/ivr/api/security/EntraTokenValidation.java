package dev.ivr.api.security;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * The checks an Entra token must pass beyond its signature (RS256, a key of the tenant's JWKS): every
 * failure is {@code invalid_token} (401), described without the token.
 *
 * <ul>
 *   <li>access tokens ({@code /api/**} and {@code /codec/**} with {@code Authorization: Bearer}): not
 *       expired or not yet valid (within the clock skew); issued by the tenant (its v2.0 issuer, or the v1.0
 *       {@code https://sts.windows.net/<tenant>/} of an app registration that still issues v1.0 tokens); for
 *       this app (audience: its client id or Application ID URI); {@code tid} the tenant; and no
 *       {@code nonce}, which only ID tokens carry (an ID token is not an access token);
 *   <li>ID tokens (sign-in): Spring's OpenID Connect checks (issuer, audience, nonce, expiry) plus the tenant.
 * </ul>
 */
final class EntraTokenValidation {

  private EntraTokenValidation() {}

  static OAuth2TokenValidator<Jwt> accessTokens(EntraProperties p) {
    List<String> issuers = List.of(p.endpoints().issuer(), "https://sts.windows.net/" + p.tenantId() + "/");
    List<String> audiences = List.of(p.clientId(), p.appIdUri());
    return new DelegatingOAuth2TokenValidator<>(List.of(
        timestamps(p.clockSkew()),
        check("exp", jwt -> jwt.getExpiresAt() != null, "a token without an expiry is never accepted"),
        new JwtClaimValidator<String>("iss", issuers::contains),
        check("aud", jwt -> jwt.getAudience() != null && jwt.getAudience().stream().anyMatch(audiences::contains),
            "the token is for another app"),
        tenant(p),
        check("nonce", jwt -> !jwt.hasClaim("nonce"), "an ID token is not an access token")));
  }

  static OAuth2TokenValidator<Jwt> tenant(EntraProperties p) {
    return check("tid", jwt -> p.tenantId().equalsIgnoreCase(jwt.getClaimAsString("tid")),
        "the token is from another tenant");
  }

  static JwtTimestampValidator timestamps(Duration skew) {
    return new JwtTimestampValidator(skew);
  }

  private static OAuth2TokenValidator<Jwt> check(String claim, Predicate<Jwt> test, String description) {
    OAuth2Error error = new OAuth2Error("invalid_token", "The " + claim + " claim is not valid: " + description, null);
    return jwt -> test.test(jwt) ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(error);
  }
}
