package dev.ivr.activities.external;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets that flows' http nodes name ({@code auth.secret}), held by the worker and read only
 * inside the http activity: a secret named {@code crm-api} is the environment variable
 * {@code IVR_SECRET_CRM_API}, else the file {@code <IVR_SECRETS_DIR>/crm-api} (a Docker or
 * Kubernetes secret mount; one trailing newline is dropped). A value is never logged, never in a
 * failure, never in history: only the name travels.
 */
public interface FlowSecrets {
  String ENV_PREFIX = "IVR_SECRET_";
  String DIR = "IVR_SECRETS_DIR";

  /** The value of the secret {@code name}; empty when this worker does not hold it. */
  Optional<String> value(String name);

  /** No secrets at all. */
  static FlowSecrets none() {
    return name -> Optional.empty();
  }

  /** From the environment ({@value #ENV_PREFIX}{@code <NAME>}, then the directory {@value #DIR}). */
  static FlowSecrets fromEnvironment(Map<String, String> env) {
    String dir = env.get(DIR);
    Path secretsDir = dir == null || dir.isBlank() ? null : Path.of(dir);
    return name -> {
      String value = env.get(envName(name));
      if (value != null && !value.isEmpty()) {
        return Optional.of(value);
      }
      if (secretsDir == null) {
        return Optional.empty();
      }
      Path file = secretsDir.resolve(name);
      if (!file.normalize().startsWith(secretsDir.normalize()) || !Files.isRegularFile(file)) {
        return Optional.empty();
      }
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return Optional.of(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text).filter(v -> !v.isEmpty());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the secret file for '" + name + "'", e);
      }
    };
  }

  /** A fixed set (tests, flow tests); {@link #put} changes it. */
  static InMemory inMemory() {
    return new InMemory();
  }

  /** {@code crm-api} → {@code IVR_SECRET_CRM_API}. */
  static String envName(String name) {
    return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** Secrets held in memory. */
  final class InMemory implements FlowSecrets {
    private final Map<String, String> values = new ConcurrentHashMap<>();

    public InMemory put(String name, String value) {
      values.put(name, value);
      return this;
    }

    public void clear() {
      values.clear();
    }

    @Override
    public Optional<String> value(String name) {
      return Optional.ofNullable(values.get(name));
    }

    @Override
    public String toString() {
      return "FlowSecrets.InMemory" + values.keySet();
    }
  }
}
