package dev.ivr.emulator.auth;

import dev.ivr.emulator.EntraDirectory;
import dev.ivr.emulator.EntraSignOut;
import dev.ivr.emulator.EntraTokenVariant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The state of the authorization-code flow between its requests: sign-in requests waiting for the
 * user's credentials, and the codes handed out, each redeemable once within ten minutes and only with
 * the PKCE verifier of its request. Both maps are bounded: expired entries go on every insert, and
 * beyond {@value #MAX_ENTRIES} the oldest insert is refused.
 */
public final class EntraSignIn {

  /** How long a sign-in page and a code stay usable (Entra's codes live about ten minutes). */
  static final Duration LIFETIME = Duration.ofMinutes(10);
  private static final int MAX_ENTRIES = 10_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A checked authorize request, waiting for the user to sign in. */
  record Pending(String clientId, String redirectUri, String scope, String state, String nonce, String codeChallenge,
      String responseMode, Instant expiresAt) {}

  /** What a code stands for. */
  record Grant(String clientId, String redirectUri, String scope, String nonce, String codeChallenge,
      EntraDirectory.User user, Instant expiresAt) {}

  /** The outcome of redeeming a code. */
  sealed interface Redemption {
    record Redeemed(Grant grant) implements Redemption {}

    record AlreadyRedeemed() implements Redemption {}

    record Unknown() implements Redemption {}

    record Expired() implements Redemption {}
  }

  private final List<EntraSignOut> signOuts = new CopyOnWriteArrayList<>();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final Map<String, Instant> redeemed = new ConcurrentHashMap<>();
  private volatile EntraTokenVariant idTokenVariant = EntraTokenVariant.VALID;

  /** Keeps a checked request until the user signs in; returns its id for the sign-in form. */
  String pend(Pending request) {
    return put(pending, request);
  }

  /** The request a sign-in form belongs to, while it is usable. */
  Pending pending(String id) {
    Pending p = id == null ? null : pending.get(id);
    return p == null || Instant.now().isAfter(p.expiresAt()) ? null : p;
  }

  /** The user signed in: the request is used up and a code stands for it. */
  String issueCode(String pendingId, EntraDirectory.User user) {
    Pending p = pending.remove(pendingId);
    if (p == null) throw new IllegalStateException("no such sign-in request");
    Instant expires = Instant.now().plus(LIFETIME);
    return put(codes, new Grant(p.clientId(), p.redirectUri(), p.scope(), p.nonce(), p.codeChallenge(), user, expires));
  }

  Redemption redeem(String code) {
    if (code == null) return new Redemption.Unknown();
    Grant grant = codes.remove(code);
    if (grant == null) {
      return redeemed.containsKey(code) ? new Redemption.AlreadyRedeemed() : new Redemption.Unknown();
    }
    redeemed.put(code, grant.expiresAt());
    purge();
    return Instant.now().isAfter(grant.expiresAt()) ? new Redemption.Expired() : new Redemption.Redeemed(grant);
  }

  /** PKCE (RFC 7636) with S256: base64url(sha256(verifier)) equals the challenge. */
  static boolean verifierMatches(String verifier, String challenge) {
    if (verifier == null || challenge == null || verifier.length() < 43 || verifier.length() > 128) return false;
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return MessageDigest.isEqual(Base64.getUrlEncoder().withoutPadding().encodeToString(hash)
          .getBytes(StandardCharsets.US_ASCII), challenge.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  void signedOut(EntraSignOut signOut) {
    signOuts.add(signOut);
  }

  /** Every sign-out so far, oldest first. */
  public List<EntraSignOut> signOuts() {
    return List.copyOf(signOuts);
  }

  /** How the next sign-ins' ID tokens are made (for tests of the relying party's checks). */
  public void idTokenVariant(EntraTokenVariant variant) {
    this.idTokenVariant = variant;
  }

  EntraTokenVariant idTokenVariant() {
    return idTokenVariant;
  }

  private <T> String put(Map<String, T> map, T value) {
    purge();
    if (map.size() >= MAX_ENTRIES) throw new IllegalStateException("too many sign-ins in progress");
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    map.put(id, value);
    return id;
  }

  private void purge() {
    Instant now = Instant.now();
    pending.values().removeIf(p -> now.isAfter(p.expiresAt()));
    codes.values().removeIf(g -> now.isAfter(g.expiresAt().plus(LIFETIME)));
    redeemed.values().removeIf(t -> now.isAfter(t.plus(LIFETIME)));
  }
}
