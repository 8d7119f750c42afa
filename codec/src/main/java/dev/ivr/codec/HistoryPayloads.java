package dev.ivr.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payload;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The encrypted payloads of a history in protobuf JSON ({@code {"events":[…]}}), wherever they sit
 * (inputs, results, signals, memos, failures' encoded attributes, summaries): decrypted in place so that
 * a tool can read or change them, then encrypted again with the current key.
 */
public final class HistoryPayloads {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENCRYPTED_BASE64 =
      Base64.getEncoder().encodeToString(EncryptionCodec.ENCODING.getBytes(java.nio.charset.StandardCharsets.UTF_8));

  private HistoryPayloads() {}

  /**
   * Decrypts every encrypted payload under {@code root} in place and returns those nodes, to give to
   * {@link #encrypt}. Fails (naming the key id) when a key is missing or a tag does not verify.
   */
  public static List<ObjectNode> decrypt(JsonNode root, EncryptionCodec codec) {
    List<ObjectNode> found = new ArrayList<>();
    collect(root, found);
    for (ObjectNode node : found) {
      replace(node, codec.decode(List.of(read(node))).get(0));
    }
    return found;
  }

  /** Encrypts {@code nodes} (as {@link #decrypt} returned them) in place with the codec's current key. */
  public static void encrypt(List<ObjectNode> nodes, EncryptionCodec codec) {
    if (!nodes.isEmpty() && codec.keys().isEmpty()) {
      throw new IllegalArgumentException("the history was encrypted, but no payload key is given to encrypt it again");
    }
    for (ObjectNode node : nodes) {
      replace(node, codec.encode(List.of(read(node))).get(0));
    }
  }

  /** Whether any payload under {@code root} is encrypted. */
  public static boolean anyEncrypted(JsonNode root) {
    List<ObjectNode> found = new ArrayList<>();
    collect(root, found);
    return !found.isEmpty();
  }

  private static void collect(JsonNode node, List<ObjectNode> out) {
    if (node instanceof ObjectNode object && ENCRYPTED_BASE64.equals(object.path("metadata").path("encoding").asText(null))
        && object.path("data").isTextual()) {
      out.add(object);
      return;
    }
    node.forEach(child -> collect(child, out));
  }

  private static Payload read(ObjectNode node) {
    Payload.Builder payload = Payload.newBuilder();
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(node.toString(), payload);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("a payload of the history is not protobuf JSON: " + e.getMessage(), e);
    }
    return payload.build();
  }

  private static void replace(ObjectNode node, Payload payload) {
    try {
      JsonNode value = JSON.readTree(JsonFormat.printer().print(payload));
      node.removeAll();
      node.setAll((ObjectNode) value);
    } catch (InvalidProtocolBufferException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
