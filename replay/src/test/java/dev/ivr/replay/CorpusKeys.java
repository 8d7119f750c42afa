package dev.ivr.replay;

import dev.ivr.codec.PayloadKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The test key of the encrypted half of the corpus ({@code histories/encrypted/}): {@code corpus-payload-keys}. */
final class CorpusKeys {
  static final PayloadKeys KEYS = read();

  private CorpusKeys() {}

  private static PayloadKeys read() {
    try (InputStream in = CorpusKeys.class.getResourceAsStream("/corpus-payload-keys")) {
      return PayloadKeys.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
