package dev.ivr.api.callback.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Notification tokens whose signature and claims were already checked, so that a token Graph sends
 * again is not verified again (an RS256 verification costs far more than the lookup: see
 * BENCHMARKS.md, "The webhook's token check"). Only accepted tokens are kept, by the SHA-256 of the
 * token (never the token itself), each for at most {@code ttl}: a key withdrawn from the published
 * set stops being trusted within that time. Expiry and not-before are still checked at every use by
 * the caller. Bounded: past {@code maxEntries} the token remembered first is forgotten (O(1); a
 * sender that mints a new token for every notification costs one hash and one lookup more).
 */
final class VerifiedTokens {

  /** What the checks of an accepted token found. */
  record Verified(String tenant, Instant expires, Instant notBefore, Instant trustedUntil) {}

  private final int maxEntries;
  private final Duration ttl;
  private final Map<String, Verified> verified;

  VerifiedTokens(int maxEntries, Duration ttl) {
    this.maxEntries = maxEntries;
    this.ttl = ttl;
    this.verified = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
        return size() > maxEntries;
      }
    });
  }

  boolean enabled() {
    return maxEntries > 0 && !ttl.isZero();
  }

  /** The checks of this token if they were made less than {@code ttl} before {@code now}; else null. */
  Verified find(String token, Instant now) {
    if (!enabled()) {
      return null;
    }
    String key = key(token);
    Verified found = verified.get(key);
    if (found != null && now.isAfter(found.trustedUntil())) {
      verified.remove(key, found);
      return null;
    }
    return found;
  }

  /** Remembers an accepted token until {@code ttl} from {@code now}, or its expiry if sooner. */
  void remember(String token, String tenant, Instant expires, Instant notBefore, Instant now) {
    if (!enabled()) {
      return;
    }
    Instant until = now.plus(ttl);
    verified.put(key(token), new Verified(tenant, expires, notBefore, expires.isBefore(until) ? expires : until));
  }

  private static String key(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
