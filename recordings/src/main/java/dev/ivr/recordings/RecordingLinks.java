package dev.ivr.recordings;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring links to stored recordings: the worker signs, the api checks. A token is
 * {@code base64url(payload) "." base64url(HMAC-SHA256(key, payload))} where the payload is
 * {@code v1 \n <purpose> \n <expiry, epoch seconds> \n <store location>}. The purpose
 * ({@link #PLAY}: Graph plays it back; {@link #DOWNLOAD}: a delivery hook's download link) is signed
 * with it, so a token made for one endpoint is refused by the other.
 *
 * <p>The key ({@value #ENV}, or {@code ivr.media.signing-key} on the api) is shared by worker and
 * api, at least {@value #MIN_KEY_CHARS} characters. The location is readable in the token (it is
 * signed, not encrypted): it names a file or blob of the store, never the caller.
 */
public final class RecordingLinks {
  /** The worker's environment variable; the api reads the same value as {@code ivr.media.signing-key}. */
  public static final String ENV = "IVR_MEDIA_SIGNING_KEY";
  public static final int MIN_KEY_CHARS = 32;
  public static final String PLAY = "play";
  public static final String DOWNLOAD = "download";
  /** Where Graph fetches a recording under the api's base URL: {@code /media/recordings/<token>.wav}. */
  public static final String PLAY_PATH = "/media/recordings/";
  /** Where a download link points under the api's base URL: {@code /media/downloads/<token>.wav}. */
  public static final String DOWNLOAD_PATH = "/media/downloads/";
  /** Bounds a token (and so a location) that anyone may send to the api. */
  private static final int MAX_TOKEN_CHARS = 4096;
  private static final String VERSION = "v1";

  private final SecretKeySpec key;

  private RecordingLinks(String key) {
    this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /**
   * Links signed and checked with {@code key}.
   *
   * @throws IllegalArgumentException when the key is missing or shorter than {@value #MIN_KEY_CHARS} characters
   *     (the message names {@code setting}, never the key)
   */
  public static RecordingLinks withKey(String key, String setting) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException(setting + " is not set: recordings cannot be played back nor linked");
    }
    if (key.strip().length() < MIN_KEY_CHARS) {
      throw new IllegalArgumentException(setting + " must be at least " + MIN_KEY_CHARS + " characters long");
    }
    return new RecordingLinks(key.strip());
  }

  /** A new random key (32 random bytes, base64url): what development systems share per run. */
  public static String generateKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A token for {@code location} with {@code purpose}, valid until {@code now + ttl}. */
  public String sign(String purpose, String location, Instant now, Duration ttl) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("a recording link needs the recording's location");
    }
    String payload = VERSION + "\n" + purpose + "\n" + now.plus(ttl).getEpochSecond() + "\n" + location;
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(bytes) + "." + b64.encodeToString(mac(bytes));
  }

  /**
   * The location a token names, when its signature is this key's, its purpose is {@code purpose} and
   * it has not expired at {@code now}; empty for anything else (which is not told apart: a caller
   * learns nothing from the refusal). The signature is compared in constant time.
   */
  public Optional<String> verify(String purpose, String token, Instant now) {
    if (token == null || token.length() > MAX_TOKEN_CHARS) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return Optional.empty();
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
      signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(mac(payload), signature)) {
      return Optional.empty();
    }
    String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", 4);
    if (parts.length != 4 || !VERSION.equals(parts[0]) || !purpose.equals(parts[1]) || parts[3].isBlank()) {
      return Optional.empty();
    }
    try {
      if (now.getEpochSecond() >= Long.parseLong(parts[2])) {
        return Optional.empty();
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.of(parts[3]);
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(payload);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "RecordingLinks[key=(hidden)]";
  }
}
