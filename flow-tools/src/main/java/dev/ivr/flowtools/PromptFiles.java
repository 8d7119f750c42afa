package dev.ivr.flowtools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prompt catalog on disk: {@code <dir>/<locale>/<key>.wav}, each checked to be a WAV that Graph
 * can play (16 kHz mono 16-bit PCM). Results are cached per file for one validation run.
 */
final class PromptFiles {

  private static final long MAX_PROMPT_BYTES = 16L * 1024 * 1024;

  private final Path dir;
  private final Map<Path, Optional<String>> checked = new ConcurrentHashMap<>();

  PromptFiles(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  Path dir() {
    return dir;
  }

  Path file(String locale, String key) {
    return dir.resolve(locale).resolve(key + ".wav").normalize();
  }

  /** Empty when the prompt exists in {@code locale} and Graph can play it, else what is wrong. */
  Optional<String> problem(String locale, String key) {
    Path file = file(locale, key);
    return checked.computeIfAbsent(file, f -> check(locale, key, f));
  }

  private Optional<String> check(String locale, String key, Path file) {
    if (!file.startsWith(dir)) {
      return Optional.of("prompt '" + key + "' resolves outside the prompts directory");
    }
    if (!Files.isRegularFile(file)) {
      return Optional.of("prompt '" + key + "' has no " + locale + " audio: no file " + file);
    }
    try {
      if (Files.size(file) > MAX_PROMPT_BYTES) {
        return Optional.of("prompt file " + file + " is larger than " + MAX_PROMPT_BYTES + " bytes");
      }
      WavFormat format = WavFormat.read(Files.readAllBytes(file));
      if (!format.isGraphPlayable()) {
        return Optional.of("prompt file " + file + " is " + format.describe()
            + "; Graph plays only 16 kHz mono 16-bit PCM WAV (sox in.wav -r 16000 -c 1 -b 16 out.wav)");
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("prompt file " + file + " cannot be read: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return Optional.of("prompt file " + file + " is not a WAV file: " + e.getMessage());
    }
  }
}
