package dev.ivr.api.callback.token;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graph's notification signing keys, cached. Fetched on first use, refetched when older than
 * {@code jwks-refresh} (stale keys stay in use while a refetch fails), and refetched at once when a
 * token names a key id the cache does not know, which is how a key rotation shows. That last refetch
 * happens at most once per {@code jwks-min-refetch-interval}, and a failed fetch is not retried
 * sooner either: tokens with forged key ids cannot make us hammer Microsoft.
 */
final class GraphSigningKeys implements JWKSource<SecurityContext> {

  private static final Logger log = LoggerFactory.getLogger(GraphSigningKeys.class);

  /** Fetches the current key set (discovery included); throws when it cannot. */
  interface Fetcher {
    JWKSet fetch() throws Exception;
  }

  /** No key set could be fetched and none is cached: the sender should retry later (503). */
  static final class SigningKeysUnavailableException extends KeySourceException {
    SigningKeysUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Fetcher fetcher;
  private final Duration refresh;
  private final Duration minRefetchInterval;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile JWKSet keys;
  private volatile Instant fetchedAt;
  private Instant lastFailure;
  private Instant lastUnknownKeyRefetch;
  private int fetches;

  GraphSigningKeys(Fetcher fetcher, Duration refresh, Duration minRefetchInterval, Clock clock) {
    this.fetcher = fetcher;
    this.refresh = refresh;
    this.minRefetchInterval = minRefetchInterval;
    this.clock = clock;
  }

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
    JWKSet seen = current();
    List<JWK> found = selector.select(seen);
    if (found.isEmpty()) {
      JWKSet again = refetchForUnknownKey(seen);
      if (again != seen) {
        found = selector.select(again);
      }
    }
    return found;
  }

  /** How many fetches were attempted (for tests and diagnostics). */
  int fetchAttempts() {
    lock.lock();
    try {
      return fetches;
    } finally {
      lock.unlock();
    }
  }

  /** The cached keys, fetched first when there are none or they are older than {@code jwks-refresh}. */
  private JWKSet current() throws KeySourceException {
    JWKSet cached = keys;
    if (cached != null && fresh(clock.instant())) {
      return cached;
    }
    lock.lock();
    try {
      Instant now = clock.instant();
      cached = keys;
      if (cached != null && fresh(now)) {
        return cached;
      }
      if (lastFailure != null && now.isBefore(lastFailure.plus(minRefetchInterval))) {
        if (cached != null) {
          return cached;
        }
        throw new SigningKeysUnavailableException("the notification signing keys cannot be fetched", null);
      }
      try {
        return store(fetch(), now);
      } catch (Exception e) {
        lastFailure = now;
        if (cached != null) {
          log.warn("Cannot refresh the notification signing keys; keeping the cached ones: {}", e.toString());
          return cached;
        }
        log.warn("Cannot fetch the notification signing keys: {}", e.toString());
        throw new SigningKeysUnavailableException("the notification signing keys cannot be fetched", e);
      }
    } finally {
      lock.unlock();
    }
  }

  /** A token names a key we do not have: refetch, unless that was done less than the minimum interval ago. */
  private JWKSet refetchForUnknownKey(JWKSet seen) {
    lock.lock();
    try {
      if (keys != seen && keys != null) {
        return keys; // another request refetched meanwhile
      }
      Instant now = clock.instant();
      if (lastUnknownKeyRefetch != null && now.isBefore(lastUnknownKeyRefetch.plus(minRefetchInterval))) {
        log.debug("Unknown signing key id; not refetching before {}", lastUnknownKeyRefetch.plus(minRefetchInterval));
        return seen;
      }
      if (lastFailure != null && now.isBefore(lastFailure.plus(minRefetchInterval))) {
        return seen;
      }
      lastUnknownKeyRefetch = now;
      try {
        log.info("A notification token names an unknown signing key id; refetching the keys (key rotation?)");
        return store(fetch(), now);
      } catch (Exception e) {
        lastFailure = now;
        log.warn("Cannot refetch the notification signing keys: {}", e.toString());
        return seen;
      }
    } finally {
      lock.unlock();
    }
  }

  private JWKSet fetch() throws Exception {
    fetches++;
    JWKSet fetched;
    try {
      fetched = fetcher.fetch();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw e;
    }
    if (fetched == null) {
      throw new IllegalStateException("no key set");
    }
    return fetched;
  }

  private JWKSet store(JWKSet fetched, Instant now) {
    keys = fetched;
    fetchedAt = now;
    lastFailure = null;
    log.debug("Notification signing keys fetched: {} key(s)", fetched.getKeys().size());
    return fetched;
  }

  private boolean fresh(Instant now) {
    Instant at = fetchedAt;
    return at != null && now.isBefore(at.plus(refresh));
  }
}
