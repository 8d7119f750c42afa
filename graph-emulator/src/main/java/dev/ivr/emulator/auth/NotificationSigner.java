package dev.ivr.emulator.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.NotificationTokenVariant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs the {@code Authorization: Bearer} JWT on notification POSTs, standing in for the keys
 * published at {@code https://api.aps.skype.com/v1/.well-known/OpenIdConfiguration}. Claims:
 * {@code iss} (Graph or Bot Framework), {@code aud} = app id, {@code tid}, {@code iat},
 * {@code nbf}, {@code exp} (1 h, real time). Rotation makes a new key current and keeps the previous
 * one published, as a real key rollover does.
 */
public final class NotificationSigner {

  private final EmulatorConfig config;
  private final List<RSAKey> published = new ArrayList<>();
  private RSAKey current;

  public NotificationSigner(EmulatorConfig config) {
    this.config = config;
    rotate();
  }

  /** Makes a new signing key current; the JWKS keeps the previous one too. Returns the new kid. */
  public synchronized String rotate() {
    current = newKey();
    published.add(0, current);
    while (published.size() > 2) published.remove(published.size() - 1);
    return current.getKeyID();
  }

  private static RSAKey newKey() {
    try {
      return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public String sign(String tenantId) {
    return sign(tenantId, NotificationTokenVariant.VALID);
  }

  /** A notification token for {@code tenantId}; null for {@link NotificationTokenVariant#NONE}. */
  public synchronized String sign(String tenantId, NotificationTokenVariant variant) {
    if (variant == NotificationTokenVariant.NONE) return null;
    Instant now = Instant.now();
    Instant iat = variant == NotificationTokenVariant.EXPIRED ? now.minus(Duration.ofHours(2)) : now;
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(variant == NotificationTokenVariant.WRONG_ISSUER ? "https://evil.example.com" : config.notificationIssuer())
        .audience(variant == NotificationTokenVariant.WRONG_AUDIENCE ? UUID.randomUUID().toString() : config.clientId())
        .issueTime(Date.from(iat))
        .notBeforeTime(Date.from(iat.minusSeconds(300)))
        .expirationTime(Date.from(iat.plus(Duration.ofHours(1))))
        .claim("tid", tenantId)
        .claim("http://schemas.microsoft.com/identity/claims/tenantid", tenantId)
        .build();
    RSAKey signingKey = variant == NotificationTokenVariant.BAD_SIGNATURE ? newKeyWithKid(current.getKeyID()) : current;
    try {
      SignedJWT jwt = new SignedJWT(
          new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(current.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(signingKey));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAKey newKeyWithKid(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The published public keys (current first). */
  public synchronized JWKSet publicKeys() {
    List<JWK> keys = new ArrayList<>();
    for (RSAKey k : published) keys.add(k.toPublicJWK());
    return new JWKSet(keys);
  }

  public synchronized String currentKeyId() {
    return current.getKeyID();
  }
}
