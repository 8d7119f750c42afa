package dev.ivr.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The payload keys a process holds: AES-256 keys by id. The first is the <em>current</em> key, which
 * encrypts; every key decrypts ("encrypt with the newest, decrypt with any"). Rotate by putting a new
 * key first and keeping the old ones for as long as histories written under them are kept.
 *
 * <p>Written as {@code keyId:base64key} entries, newest first: in {@value #ENV} (separated by commas
 * or white space) and/or, one per line ({@code #} starts a comment), in the file that {@value #ENV_FILE}
 * names (a Docker or Kubernetes secret). When both are set, the variable's entries come first. A key
 * id is 1-64 letters, digits, {@code .}, {@code _} or {@code -}; a key is 32 bytes. {@link #toString()}
 * names the ids only.
 */
public final class PayloadKeys {
  public static final String ENV = "IVR_PAYLOAD_KEYS";
  public static final String ENV_FILE = "IVR_PAYLOAD_KEYS_FILE";
  public static final PayloadKeys NONE = new PayloadKeys(List.of());

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final int KEY_BYTES = 32;

  private final List<String> ids;
  private final Map<String, SecretKey> keys;

  private PayloadKeys(List<Map.Entry<String, SecretKey>> entries) {
    Map<String, SecretKey> byId = new LinkedHashMap<>();
    for (Map.Entry<String, SecretKey> entry : entries) {
      SecretKey earlier = byId.putIfAbsent(entry.getKey(), entry.getValue());
      if (earlier != null && !Arrays.equals(earlier.getEncoded(), entry.getValue().getEncoded())) {
        throw new IllegalArgumentException("payload key id '" + entry.getKey() + "' is given twice with different keys");
      }
    }
    this.keys = byId;
    this.ids = List.copyOf(byId.keySet());
  }

  /** Parses {@code keyId:base64key} entries separated by commas, white space or lines ({@code #} comments). */
  public static PayloadKeys parse(String entries) {
    return new PayloadKeys(entries(entries == null ? "" : entries, "payload keys"));
  }

  /**
   * The keys of {@value #ENV} and {@value #ENV_FILE}; {@link #NONE} when neither is set. Fails with
   * the variable's name when an entry is malformed or the file cannot be read.
   */
  public static PayloadKeys fromEnvironment(Map<String, String> env) {
    return of(env.get(ENV), env.get(ENV_FILE));
  }

  /** The keys of an entries string and/or a file of entries (either may be null or blank). */
  public static PayloadKeys of(String entries, String file) {
    List<Map.Entry<String, SecretKey>> all = new ArrayList<>();
    if (entries != null && !entries.isBlank()) {
      all.addAll(entries(entries, ENV));
    }
    if (file != null && !file.isBlank()) {
      String text;
      try {
        text = Files.readString(Path.of(file.strip()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + ENV_FILE + " " + file.strip() + ": " + e.getMessage(), e);
      }
      all.addAll(entries(text, ENV_FILE + " " + file.strip()));
    }
    return all.isEmpty() ? NONE : new PayloadKeys(all);
  }

  /** A new random key, as one {@code keyId:base64key} entry. */
  public static String generateEntry(String keyId) {
    checkId(keyId, "a new key");
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return keyId + ":" + Base64.getEncoder().encodeToString(key);
  }

  private static List<Map.Entry<String, SecretKey>> entries(String text, String source) {
    List<Map.Entry<String, SecretKey>> out = new ArrayList<>();
    for (String line : text.split("\\R")) {
      int comment = line.indexOf('#');
      String content = comment < 0 ? line : line.substring(0, comment);
      for (String entry : content.split("[,\\s]+")) {
        if (!entry.isBlank()) {
          out.add(entry(entry.strip(), source));
        }
      }
    }
    return out;
  }

  private static Map.Entry<String, SecretKey> entry(String entry, String source) {
    int colon = entry.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(source + ": an entry is not keyId:base64key (the key itself is not shown)");
    }
    String id = entry.substring(0, colon);
    checkId(id, source);
    byte[] key;
    try {
      key = Base64.getDecoder().decode(entry.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": the key of '" + id + "' is not base64");
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(source + ": the key of '" + id + "' has " + key.length
          + " bytes; AES-256 needs " + KEY_BYTES);
    }
    return Map.entry(id, new SecretKeySpec(key, "AES"));
  }

  private static void checkId(String id, String source) {
    if (id == null || !KEY_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(source + ": a key id is 1-64 letters, digits, '.', '_' or '-', got '"
          + id + "'");
    }
  }

  public boolean isEmpty() {
    return ids.isEmpty();
  }

  /** The key that encrypts: the first one given. */
  public Optional<String> currentId() {
    return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
  }

  /** Every key id, the current one first. */
  public List<String> ids() {
    return ids;
  }

  Optional<SecretKey> key(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  @Override
  public String toString() {
    return ids.isEmpty() ? "PayloadKeys[none]" : "PayloadKeys[current " + ids.get(0) + ", all " + ids + "]";
  }
}
