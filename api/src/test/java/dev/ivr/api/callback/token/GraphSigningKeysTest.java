package dev.ivr.api.callback.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The key cache: follows rotation, refreshes periodically, and never lets unknown key ids hammer the source. */
class GraphSigningKeysTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final AtomicReference<JWKSet> published = new AtomicReference<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private GraphSigningKeys keys;
  private RSAKey first;

  @BeforeEach
  void setUp() throws Exception {
    first = key();
    published.set(new JWKSet(first.toPublicJWK()));
    keys = new GraphSigningKeys(() -> {
      if (failure.get() != null) {
        throw failure.get();
      }
      return published.get();
    }, Duration.ofHours(2), Duration.ofSeconds(30), clock);
  }

  @Test
  void keysAreFetchedOnce_andServedFromTheCache() throws Exception {
    assertThat(keys.get(selector(first.getKeyID()), null)).hasSize(1);
    assertThat(keys.get(selector(first.getKeyID()), null)).hasSize(1);

    assertThat(keys.fetchAttempts()).isEqualTo(1);
  }

  @Test
  void anUnknownKeyId_refetchesOnce_andThenNotBeforeTheMinimumInterval() throws Exception {
    keys.get(selector(first.getKeyID()), null);
    RSAKey rotated = key();
    published.set(new JWKSet(java.util.List.of(rotated.toPublicJWK(), first.toPublicJWK())));

    assertThat(keys.get(selector(rotated.getKeyID()), null)).hasSize(1); // rotation followed at once
    for (int i = 0; i < 100; i++) {
      assertThat(keys.get(selector("forged-" + i), null)).isEmpty();
      clock.advance(Duration.ofMillis(100));
    }
    assertThat(keys.fetchAttempts()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(30));
    keys.get(selector("forged-again"), null);
    keys.get(selector("forged-again"), null);
    assertThat(keys.fetchAttempts()).isEqualTo(3);
  }

  @Test
  void keysOlderThanTheRefreshPeriod_areRefetched() throws Exception {
    keys.get(selector(first.getKeyID()), null);
    clock.advance(Duration.ofHours(2));

    keys.get(selector(first.getKeyID()), null);

    assertThat(keys.fetchAttempts()).isEqualTo(2);
  }

  @Test
  void aFailedRefresh_keepsTheCachedKeys_andIsNotRetriedAtOnce() throws Exception {
    keys.get(selector(first.getKeyID()), null);
    clock.advance(Duration.ofHours(3));
    failure.set(new IOException("Microsoft is down"));

    assertThat(keys.get(selector(first.getKeyID()), null)).hasSize(1);
    assertThat(keys.get(selector(first.getKeyID()), null)).hasSize(1);
    assertThat(keys.fetchAttempts()).isEqualTo(2);
  }

  @Test
  void noKeysAtAll_isUnavailable_notUnauthorized_andBounded() {
    failure.set(new IOException("unreachable"));

    assertThatThrownBy(() -> keys.get(selector(first.getKeyID()), null))
        .isInstanceOf(GraphSigningKeys.SigningKeysUnavailableException.class);
    assertThatThrownBy(() -> keys.get(selector(first.getKeyID()), null))
        .isInstanceOf(GraphSigningKeys.SigningKeysUnavailableException.class);
    assertThat(keys.fetchAttempts()).isEqualTo(1);
  }

  private static JWKSelector selector(String kid) {
    return new JWKSelector(new JWKMatcher.Builder().keyID(kid).build());
  }

  static RSAKey key() throws Exception {
    return new RSAKeyGenerator(2048).keyID(java.util.UUID.randomUUID().toString()).generate();
  }
}
