package dev.ivr.api.callback.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.ivr.api.callback.NotificationAuthenticator;
import dev.ivr.api.callback.token.GraphSigningKeys.SigningKeysUnavailableException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * Validates the bearer JWT Graph signs every notification with, as Microsoft's samples do:
 *
 * <ul>
 *   <li>401 when the token is missing, malformed, not RSA-signed, signed by a key that is not
 *       published, expired or not yet valid (with {@code clock-skew} either way);
 *   <li>403 when it is genuine but not meant for us: issuer not in {@code issuers}, audience not the
 *       bot's app id, tenant ({@code tid}) not in {@code allowed-tenants};
 *   <li>503 when the signing keys cannot be fetched and none are cached (Graph retries).
 * </ul>
 *
 * Reasons are safe to return and log: they never contain the token or its claims' values.
 */
public final class GraphNotificationTokens implements NotificationAuthenticator {

  /** Longer than any real token; a bound on what we parse. */
  static final int MAX_TOKEN_LENGTH = 16 * 1024;
  private static final String BEARER = "Bearer ";
  private static final String TENANT_ID_CLAIM = "tid";
  private static final String TENANT_ID_LONG_CLAIM = "http://schemas.microsoft.com/identity/claims/tenantid";

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final Set<String> issuers;
  private final String audience;
  private final Set<String> tenants;
  private final Duration clockSkew;
  private final Clock clock;
  private final VerifiedTokens verified;

  /** With {@code keys} as the published signing keys (a fetched, cached set in production; fixed in tests and benchmarks). */
  public GraphNotificationTokens(NotificationAuthProperties properties, JWKSource<SecurityContext> keys, Clock clock) {
    this.issuers = Set.copyOf(properties.issuers());
    this.audience = properties.audience();
    this.tenants = Set.copyOf(properties.allowedTenants().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList());
    this.clockSkew = properties.clockSkew();
    this.clock = clock;
    this.verified = new VerifiedTokens(properties.tokenCacheSize(), properties.tokenCacheTtl());
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
        Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512), keys));
    // the claims are checked below, so that each failure gets its own answer
    processor.setJWTClaimsSetVerifier((claims, context) -> {});
  }

  @Override
  public Decision authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return unauthorized("no bearer token: Graph signs every notification");
    }
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return unauthorized("the Authorization header is not a bearer token");
    }
    String token = authorization.substring(BEARER.length()).trim();
    if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return unauthorized("the bearer token is empty or too long");
    }
    Instant now = clock.instant();
    VerifiedTokens.Verified known = verified.find(token, now);
    if (known != null) {
      Decision timely = timely(known.expires(), known.notBefore(), now);
      return timely != null ? timely : Decision.accept(known.tenant());
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      return unauthorized("the bearer token is not a well-formed JWT");
    } catch (SigningKeysUnavailableException e) {
      return Decision.reject(HttpStatus.SERVICE_UNAVAILABLE, "the token signing keys cannot be fetched; retry later");
    } catch (BadJOSEException | JOSEException | RuntimeException e) {
      return unauthorized("the bearer token's signature does not verify against the published signing keys");
    }
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      return unauthorized("the bearer token has no expiry");
    }
    Instant notBefore = claims.getNotBeforeTime() == null ? null : claims.getNotBeforeTime().toInstant();
    Decision timely = timely(exp.toInstant(), notBefore, now);
    if (timely != null) {
      return timely;
    }
    if (claims.getIssuer() == null || !issuers.contains(claims.getIssuer())) {
      return forbidden("the bearer token's issuer is not accepted");
    }
    List<String> audiences = claims.getAudience();
    if (audiences == null || audiences.stream().noneMatch(audience::equalsIgnoreCase)) {
      return forbidden("the bearer token is not meant for this bot (audience)");
    }
    String tenant = tenant(claims);
    if (tenant == null || !tenants.contains(tenant.toLowerCase(Locale.ROOT))) {
      return forbidden("the bearer token's tenant is not allowed");
    }
    verified.remember(token, tenant, exp.toInstant(), notBefore, now);
    return Decision.accept(tenant);
  }

  /** A rejection when the token is expired or not valid yet at {@code now}, with the clock skew; else null. */
  private Decision timely(Instant expires, Instant notBefore, Instant now) {
    if (now.isAfter(expires.plus(clockSkew))) {
      return unauthorized("the bearer token has expired");
    }
    if (notBefore != null && now.plus(clockSkew).isBefore(notBefore)) {
      return unauthorized("the bearer token is not valid yet");
    }
    return null;
  }

  private static String tenant(JWTClaimsSet claims) {
    Object tid = claims.getClaim(TENANT_ID_CLAIM);
    if (tid == null) {
      tid = claims.getClaim(TENANT_ID_LONG_CLAIM);
    }
    return tid instanceof String s && !s.isBlank() ? s.trim() : null;
  }

  private static Decision unauthorized(String reason) {
    return Decision.reject(HttpStatus.UNAUTHORIZED, reason);
  }

  private static Decision forbidden(String reason) {
    return Decision.reject(HttpStatus.FORBIDDEN, reason);
  }
}
