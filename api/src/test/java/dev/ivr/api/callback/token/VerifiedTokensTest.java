package dev.ivr.api.callback.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A notification token already verified is not verified again (the published keys are not even
 * looked at), yet its expiry still holds, a withdrawn key stops being trusted after the cache's time,
 * and nothing rejected is remembered.
 */
class VerifiedTokensTest {

  private static final String APP = "b0760000-0000-4000-8000-000000000001";
  private static final String TENANT = "e1f2a3b4-0000-4000-8000-00000000cafe";
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static RSAKey key;
  private final MutableClock clock = new MutableClock(NOW);
  private final CountingKeys keys = new CountingKeys();

  @BeforeAll
  static void keys() throws Exception {
    key = GraphSigningKeysTest.key();
  }

  @Test
  void aTokenSentAgain_isAccepted_withoutVerifyingItsSignatureAgain() throws Exception {
    GraphNotificationTokens tokens = tokens(100, Duration.ofMinutes(5));
    String token = sign(NOW.plusSeconds(3600));
    for (int i = 0; i < 5; i++) {
      NotificationAuthDecisionAssert.accepted(tokens.authenticate("Bearer " + token), TENANT);
    }
    assertThat(keys.lookups.get()).isEqualTo(1);
    NotificationAuthDecisionAssert.accepted(tokens.authenticate("Bearer " + sign(NOW.plusSeconds(1800))), TENANT);
    assertThat(keys.lookups.get()).as("another token is verified").isEqualTo(2);
  }

  @Test
  void aRememberedToken_stillExpires() throws Exception {
    GraphNotificationTokens tokens = tokens(100, Duration.ofHours(1));
    String token = sign(NOW.plusSeconds(600));
    assertThat(tokens.authenticate("Bearer " + token).accepted()).isTrue();
    clock.advance(Duration.ofSeconds(600 + 61)); // past expiry and the 60 s clock skew
    assertThat(tokens.authenticate("Bearer " + token).status().value()).isEqualTo(401);
    assertThat(tokens.authenticate("Bearer " + token).reason()).isEqualTo("the bearer token has expired");
  }

  @Test
  void aWithdrawnKey_isTrustedNoLongerThanTheCachesTime() throws Exception {
    GraphNotificationTokens tokens = tokens(100, Duration.ofMinutes(5));
    String token = sign(NOW.plusSeconds(3600));
    assertThat(tokens.authenticate("Bearer " + token).accepted()).isTrue();
    keys.withdraw();
    clock.advance(Duration.ofMinutes(4));
    assertThat(tokens.authenticate("Bearer " + token).accepted()).as("within the cache's time").isTrue();
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(tokens.authenticate("Bearer " + token).status().value()).isEqualTo(401);
  }

  @Test
  void aRejectedToken_isNeverRemembered() throws Exception {
    GraphNotificationTokens tokens = tokens(100, Duration.ofMinutes(5));
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
        claims(NOW.plusSeconds(3600)).build());
    forged.sign(new RSASSASigner(GraphSigningKeysTest.key()));
    for (int i = 0; i < 3; i++) {
      assertThat(tokens.authenticate("Bearer " + forged.serialize()).status().value()).isEqualTo(401);
    }
    String notForUs = sign(claims(NOW.plusSeconds(3600)).audience("another-app").build());
    for (int i = 0; i < 3; i++) {
      assertThat(tokens.authenticate("Bearer " + notForUs).status().value()).isEqualTo(403);
    }
    assertThat(keys.lookups.get()).isEqualTo(6);
  }

  @Test
  void aFullCache_forgetsTheTokenRememberedFirst_andSizeZeroSwitchesItOff() throws Exception {
    GraphNotificationTokens two = tokens(2, Duration.ofMinutes(5));
    String a = sign(NOW.plusSeconds(3000));
    String b = sign(NOW.plusSeconds(3100));
    String c = sign(NOW.plusSeconds(3200));
    for (String token : List.of(a, b, c, c, b)) {
      assertThat(two.authenticate("Bearer " + token).accepted()).isTrue();
    }
    assertThat(keys.lookups.get()).as("a, b, c verified once; c and b remembered").isEqualTo(3);
    assertThat(two.authenticate("Bearer " + a).accepted()).isTrue();
    assertThat(keys.lookups.get()).as("a was forgotten for c").isEqualTo(4);

    keys.lookups.set(0);
    GraphNotificationTokens off = tokens(0, Duration.ofMinutes(5));
    for (int i = 0; i < 3; i++) {
      assertThat(off.authenticate("Bearer " + a).accepted()).isTrue();
    }
    assertThat(keys.lookups.get()).isEqualTo(3);
  }

  @Test
  void cacheSettingsOutOfRange_areRefused_namingTheProperty() {
    assertThatThrownBy(() -> properties(-1, Duration.ofMinutes(5)))
        .hasMessageContaining("ivr.notifications.auth.token-cache-size");
    assertThatThrownBy(() -> properties(10, Duration.ofHours(2)))
        .hasMessageContaining("ivr.notifications.auth.token-cache-ttl");
  }

  private GraphNotificationTokens tokens(int size, Duration ttl) {
    return new GraphNotificationTokens(properties(size, ttl), keys, clock);
  }

  private static NotificationAuthProperties properties(int size, Duration ttl) {
    return new NotificationAuthProperties(NotificationAuthProperties.Mode.VALIDATE,
        URI.create("https://keys.example/v1/.well-known/OpenIdConfiguration"), List.of("https://graph.microsoft.com"),
        APP, List.of(TENANT), Duration.ofSeconds(60), Duration.ofHours(2), Duration.ofSeconds(30), size, ttl);
  }

  private static String sign(Instant expires) throws Exception {
    return sign(claims(expires).build());
  }

  private static JWTClaimsSet.Builder claims(Instant expires) {
    return new JWTClaimsSet.Builder().issuer("https://graph.microsoft.com").audience(APP)
        .issueTime(Date.from(NOW)).expirationTime(Date.from(expires)).claim("tid", TENANT);
  }

  private static String sign(JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  /** The published keys, counting how often a signature check asks for them; they can be withdrawn. */
  private static final class CountingKeys implements JWKSource<SecurityContext> {
    final AtomicInteger lookups = new AtomicInteger();
    private volatile JWKSet set = new JWKSet(key.toPublicJWK());

    void withdraw() {
      set = new JWKSet();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
      lookups.incrementAndGet();
      return selector.select(set);
    }
  }

  /** Shorthand for an accepted decision naming its tenant. */
  private static final class NotificationAuthDecisionAssert {
    static void accepted(dev.ivr.api.callback.NotificationAuthenticator.Decision decision, String tenant) {
      assertThat(decision.accepted()).isTrue();
      assertThat(decision.tenantId()).isEqualTo(tenant);
    }
  }
}
