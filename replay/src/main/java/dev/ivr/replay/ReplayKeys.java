package dev.ivr.replay;

import dev.ivr.codec.EncryptionCodec;
import dev.ivr.codec.HistoryPayloads;
import dev.ivr.codec.PayloadKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The payload keys a replay tool reads encrypted histories with: {@code --payload-keys-file=FILE}, else
 * {@code IVR_PAYLOAD_KEYS} / {@code IVR_PAYLOAD_KEYS_FILE}, as the worker takes them. Plain histories
 * (written before the codec) need none.
 */
final class ReplayKeys {
  static final String OPTION = "--payload-keys-file=";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReplayKeys() {}

  static PayloadKeys fromEnvironment() {
    return PayloadKeys.fromEnvironment(System.getenv());
  }

  /** {@value #OPTION}FILE among {@code args}, else the environment's keys. */
  static PayloadKeys fromArgs(String[] args) {
    String file = ReplayMain.option(args, OPTION, null);
    return file == null ? fromEnvironment() : PayloadKeys.of(null, file);
  }

  /** The history JSON with every encrypted payload decrypted (for tools that read payloads, not for replay). */
  static String decrypted(String historyJson, PayloadKeys keys) {
    try {
      JsonNode root = JSON.readTree(historyJson);
      if (!HistoryPayloads.anyEncrypted(root)) {
        return historyJson;
      }
      HistoryPayloads.decrypt(root, new EncryptionCodec(keys));
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a history in JSON: " + e.getOriginalMessage(), e);
    }
  }
}
