package dev.ivr.api.prompt;

import dev.ivr.flowtools.WavFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The prompt files under {@code ivr.prompts.dir}, as {@code <locale>/<key>.wav}. A prompt is read
 * and checked once, then served from memory: what Graph downloads is always the content whose hash
 * named it. Prompts are short (Graph plays WAV only), so this stays small; restart to pick up a
 * changed file.
 *
 * <p>Locales and keys are checked against strict patterns before any file is touched, and the
 * resolved file must lie inside the prompts directory: no path traversal.
 */
@Component
public class PromptLibrary {

  private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
  /** Graph plays prompts of a few seconds; anything this big is a mistake. */
  static final long MAX_PROMPT_BYTES = 16L * 1024 * 1024;

  private final Path dir;
  private final String defaultLocale;
  private final Map<String, PromptFile> loaded = new ConcurrentHashMap<>();

  public PromptLibrary(PromptProperties properties) {
    this.dir = Path.of(properties.dir()).toAbsolutePath().normalize();
    this.defaultLocale = properties.defaultLocale();
  }

  public String defaultLocale() {
    return defaultLocale;
  }

  public Path dir() {
    return dir;
  }

  static boolean isLocale(String locale) {
    return locale != null && LOCALE.matcher(locale).matches();
  }

  static boolean isKey(String key) {
    return key != null && KEY.matcher(key).matches();
  }

  /**
   * The prompt, checked to be a WAV that Graph can play. Throws {@link IllegalStateException} with a
   * message naming the file otherwise: for start-up checks.
   */
  public PromptFile require(String locale, String key) {
    if (!isLocale(locale) || !isKey(key)) {
      throw new IllegalStateException("invalid prompt name '" + locale + "/" + key
          + "': keys are letters, digits, '-' and '_'; locales are language tags such as en-US");
    }
    PromptFile cached = loaded.get(cacheKey(locale, key));
    return cached != null ? cached : load(locale, key, file(locale, key));
  }

  /** The prompt if it exists and is playable; empty for anything else (unknown, invalid name, bad file). */
  public Optional<PromptFile> find(String locale, String key) {
    if (!isLocale(locale) || !isKey(key)) {
      return Optional.empty();
    }
    PromptFile cached = loaded.get(cacheKey(locale, key));
    if (cached != null) {
      return Optional.of(cached);
    }
    try {
      return Optional.of(load(locale, key, file(locale, key))); // load checks the file exists and lies inside dir
    } catch (IllegalStateException e) {
      return Optional.empty();
    }
  }

  private Path file(String locale, String key) {
    return dir.resolve(locale).resolve(key + ".wav").normalize();
  }

  private boolean insideDir(Path file) {
    try {
      return file.startsWith(dir) && file.toRealPath().startsWith(dir.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  private PromptFile load(String locale, String key, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("prompt '" + locale + "/" + key + "' not found: no file " + file);
    }
    if (!insideDir(file)) {
      throw new IllegalStateException("prompt file " + file + " lies outside the prompts directory " + dir);
    }
    byte[] content;
    try {
      if (Files.size(file) > MAX_PROMPT_BYTES) {
        throw new IllegalStateException("prompt file " + file + " is larger than " + MAX_PROMPT_BYTES + " bytes");
      }
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalStateException("prompt file " + file + " cannot be read: " + e.getMessage(), e);
    }
    WavFormat format;
    try {
      format = WavFormat.read(content);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("prompt file " + file + " is not a WAV file: " + e.getMessage());
    }
    if (!format.isGraphPlayable()) {
      throw new IllegalStateException("prompt file " + file + " is " + format.describe()
          + "; Graph plays only 16 kHz mono 16-bit PCM WAV (e.g. sox in.wav -r 16000 -c 1 -b 16 out.wav)");
    }
    PromptFile prompt = new PromptFile(locale, key, content, sha256(content), format.durationMillis());
    PromptFile raced = loaded.putIfAbsent(cacheKey(locale, key), prompt);
    return raced != null ? raced : prompt;
  }

  private static String cacheKey(String locale, String key) {
    return locale + "/" + key;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
