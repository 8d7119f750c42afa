package dev.ivr.api.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ivr.media.signing-key} (environment {@code IVR_MEDIA_SIGNING_KEY}), or a file holding it,
 * {@code ivr.media.signing-key-file} ({@code IVR_MEDIA_SIGNING_KEY_FILE}, a Docker or Kubernetes
 * secret): the key the worker signs recording URLs with (its {@code IVR_MEDIA_SIGNING_KEY}); both
 * sides must have the same one. Unset: the api refuses every recording link and says so at start-up.
 * Never printed.
 */
@ConfigurationProperties("ivr.media")
record MediaProperties(String signingKey, Path signingKeyFile) {

  /** The key, from the property or else the file (stripped); null when neither is set. */
  String key() {
    if (signingKey != null && !signingKey.isBlank()) {
      return signingKey;
    }
    if (signingKeyFile == null) {
      return null;
    }
    try {
      return Files.readString(signingKeyFile).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read ivr.media.signing-key-file " + signingKeyFile, e);
    }
  }

  @Override
  public String toString() {
    return "MediaProperties[signingKey=(hidden), signingKeyFile=" + signingKeyFile + "]";
  }
}
