package dev.ivr.emulator.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ivr.emulator.EmulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks the bearer tokens of the bot's own Graph requests, like Entra ID's
 * client-credentials flow. Tokens are RS256 JWTs signed with an "Entra" key of the emulator; a
 * token is valid when this emulator issued it and it has not expired. Lifetimes are real time.
 */
public final class TokenService {

  /** Seconds a token lives, as Entra answers ({@code expires_in}). */
  public static final int EXPIRES_IN = 3599;

  /** Application permissions carried in the token's {@code roles}. */
  static final List<String> ROLES = List.of(
      "Calls.Initiate.All", "Calls.InitiateGroupCall.All", "Calls.JoinGroupCall.All", "Calls.AccessMedia.All");

  private final EmulatorConfig config;
  private final RSAKey key;
  private final Map<String, Instant> issued = new ConcurrentHashMap<>();

  public TokenService(EmulatorConfig config) {
    this.config = config;
    try {
      this.key = new RSAKeyGenerator(2048).keyID("entra-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Outcome of checking a bearer token. */
  public enum Check { VALID, MISSING, UNKNOWN, EXPIRED }

  /** Issues a Graph access token for the configured app. */
  public String issue(String scope) {
    Instant now = Instant.now();
    Instant exp = now.plus(Duration.ofSeconds(EXPIRES_IN));
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .audience("https://graph.microsoft.com")
        .issuer("https://sts.windows.net/" + config.tenantId() + "/")
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(exp))
        .subject(config.clientId())
        .jwtID(UUID.randomUUID().toString())
        .claim("appid", config.clientId())
        .claim("appidacr", "1")
        .claim("idtyp", "app")
        .claim("oid", config.clientId())
        .claim("tid", config.tenantId())
        .claim("roles", ROLES)
        .claim("ver", "1.0")
        .claim("scp", null)
        .build();
    String token = sign(claims, false);
    issued.put(token, exp);
    return token;
  }

  /**
   * {@code claims} as an RS256 JWT with the published key's kid; {@code forged} signs with a fresh key
   * that is not published (a forgery that names a real kid).
   */
  String sign(JWTClaimsSet claims, boolean forged) {
    try {
      RSAKey signingKey = forged ? new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate() : key;
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
          .type(com.nimbusds.jose.JOSEObjectType.JWT).build(), claims);
      jwt.sign(new RSASSASigner(signingKey));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code jwt} carries a valid signature of the published key (its claims are not checked). */
  boolean signedHere(SignedJWT jwt) {
    try {
      return key.getKeyID().equals(jwt.getHeader().getKeyID())
          && jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key.toRSAPublicKey()));
    } catch (JOSEException e) {
      return false;
    }
  }

  /** Checks an {@code Authorization} header value. */
  public Check check(String authorizationHeader) {
    if (authorizationHeader == null || authorizationHeader.isBlank()) return Check.MISSING;
    String h = authorizationHeader.trim();
    if (!h.regionMatches(true, 0, "Bearer ", 0, 7)) return Check.UNKNOWN;
    String token = h.substring(7).trim();
    if (token.isEmpty()) return Check.MISSING;
    Instant exp = issued.get(token);
    if (exp == null) return Check.UNKNOWN;
    if (Instant.now().isAfter(exp)) return Check.EXPIRED;
    return Check.VALID;
  }

  /** The public keys of tokens issued here (Entra's {@code discovery/v2.0/keys}). */
  public JWKSet publicKeys() {
    return new JWKSet(key.toPublicJWK());
  }
}
