package dev.ivr.flowtools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names of the secrets the workers hold, {@code secrets.yaml} beside {@code routing.yaml}:
 * {@code secrets: [crm-api]}. Names only, never values (those are on the workers:
 * {@code IVR_SECRET_<NAME>} or {@code IVR_SECRETS_DIR/<name>}). An http node's {@code auth.secret}
 * must be one of them, so that a typo fails validation, not a call.
 */
final class SecretNames {
  static final String FILE = "secrets.yaml";
  private static final YAMLMapper YAML = new YAMLMapper();

  private SecretNames() {}

  /** The declared names; none when the file does not exist. */
  static Set<String> read(Path flowsDir) {
    Path file = flowsDir == null ? null : flowsDir.resolve(FILE);
    if (file == null || !Files.isRegularFile(file)) {
      return Set.of();
    }
    String shown = file.toString();
    try {
      JsonNode root = YAML.readTree(file.toFile());
      JsonNode names = root == null ? null : root.get("secrets");
      if (names == null || !names.isArray()) {
        throw problem(shown, "secrets.yaml must be 'secrets: [name, ...]'");
      }
      Set<String> out = new LinkedHashSet<>();
      for (JsonNode name : names) {
        if (!name.isTextual() || !name.asText().matches("[a-z0-9][a-z0-9-]{0,62}")) {
          throw problem(shown, "secret name " + name + " is not lower-case letters, digits and '-'");
        }
        out.add(name.asText());
      }
      return out;
    } catch (IOException e) {
      throw problem(shown, "secrets.yaml cannot be read: " + e.getMessage());
    }
  }

  private static FlowException problem(String file, String message) {
    return new FlowException(List.of(new FlowProblem(file, 0, 0, null, message)));
  }
}
