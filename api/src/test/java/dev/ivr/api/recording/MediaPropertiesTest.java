package dev.ivr.api.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The worker's variable names bind on the api too: one .env serves both. */
class MediaPropertiesTest {

  @Test
  void theWorkersVariable_bindsAsTheSigningKey() {
    assertThat(bind(Map.of("IVR_MEDIA_SIGNING_KEY", "k".repeat(40))).key()).isEqualTo("k".repeat(40));
  }

  @Test
  void aKeyFile_isRead_andTheKeyIsNeverPrinted(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("key"), "f".repeat(40) + "\n");

    MediaProperties properties = bind(Map.of("IVR_MEDIA_SIGNING_KEY_FILE", file.toString()));

    assertThat(properties.key()).isEqualTo("f".repeat(40));
    assertThat(properties.toString()).doesNotContain("ffff");
  }

  private static MediaProperties bind(Map<String, Object> variables) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", variables));
    return Binder.get(environment).bind("ivr.media", MediaProperties.class).get();
  }
}
