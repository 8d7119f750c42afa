package dev.ivr.api.callback.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ivr.api.callback.NotificationAuthenticator.Decision;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each claim check of Graph's notification token, with its own answer. */
class GraphNotificationTokensTest {

  private static final String APP = "b0760000-0000-4000-8000-000000000001";
  private static final String TENANT = "e1f2a3b4-0000-4000-8000-00000000cafe";
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static RSAKey key;
  private final MutableClock clock = new MutableClock(NOW);
  private GraphNotificationTokens tokens;

  @BeforeAll
  static void keys() throws Exception {
    key = GraphSigningKeysTest.key();
  }

  @org.junit.jupiter.api.BeforeEach
  void setUp() {
    NotificationAuthProperties properties = new NotificationAuthProperties(
        NotificationAuthProperties.Mode.VALIDATE, URI.create("https://keys.example/v1/.well-known/OpenIdConfiguration"),
        List.of("https://graph.microsoft.com", "https://api.botframework.com"), APP,
        List.of(TENANT.toUpperCase(), "other-tenant"), Duration.ofSeconds(60), Duration.ofHours(2), Duration.ofSeconds(30));
    tokens = new GraphNotificationTokens(properties, new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), clock);
  }

  @Test
  void aGenuineToken_forThisBotAndTenant_isAccepted_fromEitherIssuer() throws Exception {
    assertThat(decide(c -> c).accepted()).isTrue();
    assertThat(decide(c -> c.issuer("https://api.botframework.com")).accepted()).isTrue();
    assertThat(decide(c -> c.audience(List.of("someone-else", APP))).accepted()).isTrue();
    assertThat(decide(c -> c.claim("tid", null)
        .claim("http://schemas.microsoft.com/identity/claims/tenantid", TENANT)).accepted()).isTrue();
  }

  @Test
  void genuineButNotForUs_is403() throws Exception {
    assertThat(decide(c -> c.issuer("https://evil.example.com")).status().value()).isEqualTo(403);
    assertThat(decide(c -> c.issuer(null)).status().value()).isEqualTo(403);
    assertThat(decide(c -> c.audience("another-app")).status().value()).isEqualTo(403);
    assertThat(decide(c -> c.claim("tid", "a-tenant-we-do-not-serve")).status().value()).isEqualTo(403);
    assertThat(decide(c -> c.claim("tid", null)).status().value()).isEqualTo(403);
    assertThat(decide(c -> c.claim("tid", 42)).status().value()).isEqualTo(403);
  }

  @Test
  void expiry_andNotBefore_allowTheClockSkew_andNoMore() throws Exception {
    assertThat(decide(c -> c.expirationTime(Date.from(NOW.minusSeconds(59)))).accepted()).isTrue();
    assertThat(decide(c -> c.expirationTime(Date.from(NOW.minusSeconds(61)))).status().value()).isEqualTo(401);
    assertThat(decide(c -> c.notBeforeTime(Date.from(NOW.plusSeconds(59)))).accepted()).isTrue();
    assertThat(decide(c -> c.notBeforeTime(Date.from(NOW.plusSeconds(61)))).status().value()).isEqualTo(401);
    assertThat(decide(c -> c.expirationTime(null)).status().value()).isEqualTo(401);
  }

  @Test
  void badlySignedOrUnsigned_is401_beforeAnyClaimIsLookedAt() throws Exception {
    RSAKey other = GraphSigningKeysTest.key();
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
        claims().audience("another-app").build());
    forged.sign(new RSASSASigner(other));
    assertThat(tokens.authenticate("Bearer " + forged.serialize()).status().value()).isEqualTo(401);

    // alg confusion: an HMAC "signed" with bytes anyone can have
    SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), claims().build());
    hmac.sign(new MACSigner(new byte[32]));
    assertThat(tokens.authenticate("Bearer " + hmac.serialize()).status().value()).isEqualTo(401);

    String[] parts = sign(claims().build()).split("\\.");
    assertThat(tokens.authenticate("Bearer " + parts[0] + "." + parts[1] + ".").status().value()).isEqualTo(401);
    assertThat(tokens.authenticate(null).status().value()).isEqualTo(401);
    assertThat(tokens.authenticate("Basic dXNlcjpwYXNz").status().value()).isEqualTo(401);
  }

  @Test
  void reasons_neverEchoTheToken() throws Exception {
    String token = sign(claims().audience("another-app").build());
    Decision decision = tokens.authenticate("Bearer " + token);
    assertThat(decision.reason()).doesNotContain(token.substring(0, 20)).doesNotContain("another-app");
  }

  private Decision decide(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
    return tokens.authenticate("bearer " + sign(change.apply(claims()).build()));
  }

  private static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer("https://graph.microsoft.com")
        .audience(APP)
        .issueTime(Date.from(NOW))
        .notBeforeTime(Date.from(NOW.minusSeconds(300)))
        .expirationTime(Date.from(NOW.plusSeconds(3600)))
        .claim("tid", TENANT);
  }

  private static String sign(JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }
}
