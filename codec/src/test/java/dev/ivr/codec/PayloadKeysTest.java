package dev.ivr.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadKeysTest {

  @Test
  void theFirstKeyEncrypts_andTheVariableComesBeforeTheFile(@TempDir Path dir) throws Exception {
    String k1 = PayloadKeys.generateEntry("k1");
    String k2 = PayloadKeys.generateEntry("k2");
    String k3 = PayloadKeys.generateEntry("k3");
    Path file = dir.resolve("keys");
    Files.writeString(file, "# rotated 2026-12\n" + k2 + "\n\n" + k1 + "   # the first key\n");

    PayloadKeys keys = PayloadKeys.fromEnvironment(Map.of(PayloadKeys.ENV, k3, PayloadKeys.ENV_FILE, file.toString()));

    assertThat(keys.ids()).containsExactly("k3", "k2", "k1");
    assertThat(keys.currentId()).contains("k3");
    assertThat(PayloadKeys.parse(k2 + ", " + k1).ids()).containsExactly("k2", "k1");
  }

  @Test
  void nothingSet_isNone() {
    assertThat(PayloadKeys.fromEnvironment(Map.of()).isEmpty()).isTrue();
    assertThat(PayloadKeys.fromEnvironment(Map.of(PayloadKeys.ENV, "  ")).currentId()).isEmpty();
  }

  @Test
  void malformedEntries_failNamingTheSourceAndTheId_neverTheKey() {
    String secret = "c2hvcnQ=";
    assertThatThrownBy(() -> PayloadKeys.of("k1:" + secret, null))
        .hasMessageContaining(PayloadKeys.ENV).hasMessageContaining("'k1'").hasMessageContaining("32")
        .hasMessageNotContaining(secret);
    assertThatThrownBy(() -> PayloadKeys.parse("no-colon-here")).hasMessageContaining("keyId:base64key");
    assertThatThrownBy(() -> PayloadKeys.parse("k1:%%%")).hasMessageContaining("not base64");
    assertThatThrownBy(() -> PayloadKeys.parse("bad id:" + secret)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PayloadKeys.of(null, "/nonexistent/keys")).hasMessageContaining(PayloadKeys.ENV_FILE);
    String k1 = PayloadKeys.generateEntry("k1");
    String otherK1 = PayloadKeys.generateEntry("k1");
    assertThatThrownBy(() -> PayloadKeys.parse(k1 + "," + otherK1)).hasMessageContaining("twice");
  }

  @Test
  void toString_namesIdsOnly() {
    String entry = PayloadKeys.generateEntry("prod-2026-12");
    assertThat(PayloadKeys.parse(entry).toString()).contains("prod-2026-12")
        .doesNotContain(entry.substring(entry.indexOf(':') + 1));
  }
}
