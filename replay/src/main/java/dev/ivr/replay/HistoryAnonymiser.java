package dev.ivr.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ivr.codec.EncryptionCodec;
import dev.ivr.codec.HistoryPayloads;
import dev.ivr.codec.PayloadKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data from a history in proto-JSON ({@code {"events":[...]}}) while keeping it
 * replayable. Every {@code json/plain} payload is decoded from base64, cleaned and re-encoded; the
 * event structure, ids, times and DTMF keys are untouched (they decide the path).
 *
 * <ul>
 *   <li>phone numbers ({@code +} and 7-15 digits) and other runs of 7+ digits become stable
 *       placeholders of the same length ({@code +15550000001}, {@code 0000002}), so a flow that
 *       checks a length still takes the same branch;
 *   <li>caller display names become {@code Caller N};
 *   <li>AAD user ids of an incoming call's caller ({@code callerId} when it is not a phone number,
 *       {@code userId}, {@code aadUserId}) become placeholder GUIDs;
 *   <li>recording access tokens become {@code redacted-token-N}.
 * </ul>
 *
 * The same original always gets the same placeholder within one history. Digit runs inside ids
 * (a GUID segment, {@code call-…}) are left alone: the workflow correlates by them.
 */
public final class HistoryAnonymiser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_PLAIN = "json/plain";
  /** Digits not glued to letters, digits or dashes: a GUID segment or an id suffix is not a number. */
  static final Pattern NUMBER = Pattern.compile("(?<![0-9A-Za-z_-])(\\+?\\d{7,15})(?![0-9A-Za-z_-])");
  private static final Pattern GUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Set<String> NAME_FIELDS = Set.of("displayName", "callerName", "callerDisplayName");
  private static final Set<String> USER_ID_FIELDS = Set.of("userId", "aadUserId", "callerUserId");
  private static final Set<String> TOKEN_FIELDS = Set.of("recordingAccessToken", "accessToken");

  private final Map<String, String> placeholders = new HashMap<>();
  private int numbers;
  private int names;
  private int users;
  private int tokens;

  private HistoryAnonymiser() {}

  /** Returns the history JSON with its personal data replaced; the input is not changed. */
  public static String anonymise(String historyJson) {
    return anonymise(historyJson, PayloadKeys.NONE);
  }

  /**
   * The same for a history whose payloads may be encrypted: they are decrypted with {@code keys},
   * anonymised, and encrypted again with the current key, so the file stays encrypted (and replays
   * with the same keys). Fails, naming the key id, when a key is missing.
   */
  public static String anonymise(String historyJson, PayloadKeys keys) {
    try {
      JsonNode root = JSON.readTree(historyJson);
      EncryptionCodec codec = new EncryptionCodec(keys);
      List<ObjectNode> encrypted = HistoryPayloads.decrypt(root, codec);
      new HistoryAnonymiser().walk(root);
      HistoryPayloads.encrypt(encrypted, codec);
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a history in JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Every payload's decoded JSON, for checks that no personal data is left. */
  public static List<String> decodedPayloads(String historyJson) {
    try {
      List<String> out = new java.util.ArrayList<>();
      collectPayloads(JSON.readTree(historyJson), out);
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static void collectPayloads(JsonNode node, List<String> out) {
    if (isJsonPayload(node)) {
      out.add(new String(Base64.getDecoder().decode(node.get("data").asText()), StandardCharsets.UTF_8));
    }
    node.forEach(child -> collectPayloads(child, out));
  }

  private void walk(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (isJsonPayload(object)) {
        cleanPayload(object);
        return;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getKey().equals("message") && field.getValue().isTextual()) {
          field.setValue(new TextNode(numbers(field.getValue().asText()))); // failure messages
        } else {
          walk(field.getValue());
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(this::walk);
    }
  }

  private static boolean isJsonPayload(JsonNode node) {
    JsonNode encoding = node.path("metadata").path("encoding");
    if (!encoding.isTextual() || !node.path("data").isTextual()) {
      return false;
    }
    try {
      return JSON_PLAIN.equals(new String(Base64.getDecoder().decode(encoding.asText()), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  private void cleanPayload(ObjectNode payload) {
    byte[] data = Base64.getDecoder().decode(payload.get("data").asText());
    JsonNode value;
    try {
      value = JSON.readTree(data);
    } catch (java.io.IOException notJson) {
      return;
    }
    JsonNode cleaned = clean(null, value);
    try {
      payload.put("data", Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(cleaned)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode clean(String field, JsonNode value) {
    if (value instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        f.setValue(clean(f.getKey(), f.getValue()));
      }
      return object;
    }
    if (value instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, clean(null, array.get(i)));
      }
      return array;
    }
    if (!value.isTextual() || field == null && !value.isTextual()) {
      return value;
    }
    String text = value.asText();
    if (field != null && TOKEN_FIELDS.contains(field)) {
      return new TextNode(placeholder(text, () -> "redacted-token-" + (++tokens)));
    }
    if (field != null && NAME_FIELDS.contains(field)) {
      return new TextNode(placeholder(text, () -> "Caller " + (++names)));
    }
    if (field != null && (USER_ID_FIELDS.contains(field) || field.equals("callerId")) && GUID.matcher(text).matches()) {
      return new TextNode(placeholder(text, () -> String.format("00000000-0000-4000-8000-%012d", ++users)));
    }
    return new TextNode(numbers(text));
  }

  private String numbers(String text) {
    Matcher m = NUMBER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String number = m.group(1);
      m.appendReplacement(out, Matcher.quoteReplacement(placeholder(number, () -> fakeNumber(number))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String fakeNumber(String original) {
    String serial = Integer.toString(++numbers);
    if (original.startsWith("+")) {
      int width = Math.max(serial.length(), original.length() - 5);
      return "+1555" + "0".repeat(width - serial.length()) + serial;
    }
    int width = Math.max(serial.length(), original.length());
    return "0".repeat(width - serial.length()) + serial;
  }

  private String placeholder(String original, java.util.function.Supplier<String> fresh) {
    return placeholders.computeIfAbsent(original, o -> fresh.get());
  }
}
