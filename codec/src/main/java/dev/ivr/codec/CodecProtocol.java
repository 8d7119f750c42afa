package dev.ivr.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.ArrayList;
import java.util.List;

/**
 * Temporal's remote codec protocol without the HTTP: the body of {@code POST …/encode} and
 * {@code POST …/decode} is {@code {"payloads":[…]}} in protobuf JSON, and so is the answer. The
 * Web UI and {@code temporal --codec-endpoint} call it to show payloads to a person.
 *
 * <p>What a person is shown differs from what the worker reads in two ways, both on purpose:
 * <ul>
 *   <li>a {@value EncryptionCodec#RESTRICTED} payload (a caller's DTMF keys, a request carrying a
 *       secure variable, a recording token) is never decrypted: it comes back as the JSON string
 *       {@value #RESTRICTED_TEXT};
 *   <li>a payload that cannot be decrypted (its key id is not configured, or its GCM tag fails) comes
 *       back as a JSON string that says why, naming the key id, instead of failing the whole batch or
 *       silently showing ciphertext.
 * </ul>
 */
public final class CodecProtocol {
  public static final String RESTRICTED_TEXT = "[restricted: a secure input or a token, never shown]";
  /** The most payloads one request may carry. */
  public static final int MAX_PAYLOADS = 10_000;

  private static final ByteString JSON_PLAIN = ByteString.copyFromUtf8("json/plain");

  private final EncryptionCodec codec;

  public CodecProtocol(EncryptionCodec codec) {
    this.codec = codec;
  }

  /** A request body that is not {@code {"payloads":[…]}}: its text is never repeated. */
  public static final class MalformedRequest extends IllegalArgumentException {
    public MalformedRequest(String message) {
      super(message);
    }
  }

  /** Encrypts each payload with the current key (restricted ones keep their mark). */
  public String encode(String body) {
    return print(codec.encode(parse(body)));
  }

  /** Decrypts each payload for a person to read (see the class comment). */
  public String decode(String body) {
    List<Payload> out = new ArrayList<>();
    for (Payload payload : parse(body)) {
      out.add(decodeOne(payload));
    }
    return print(out);
  }

  private Payload decodeOne(Payload payload) {
    if (EncryptionCodec.isRestricted(payload)) {
      return text(RESTRICTED_TEXT);
    }
    try {
      return codec.decode(List.of(payload)).get(0);
    } catch (PayloadCodecException e) {
      return text("[cannot decrypt: " + e.getMessage() + "]");
    }
  }

  private static Payload text(String value) {
    String json = "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    return Payload.newBuilder().putMetadata("encoding", JSON_PLAIN).setData(ByteString.copyFromUtf8(json)).build();
  }

  private static List<Payload> parse(String body) {
    if (body == null || body.isBlank()) {
      throw new MalformedRequest("the body must be {\"payloads\":[…]} in protobuf JSON; it is empty");
    }
    Payloads.Builder payloads = Payloads.newBuilder();
    try {
      JsonFormat.parser().merge(body, payloads);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new MalformedRequest("the body must be {\"payloads\":[…]} in protobuf JSON (each payload with"
          + " base64 metadata values and data)");
    }
    if (payloads.getPayloadsCount() > MAX_PAYLOADS) {
      throw new MalformedRequest("at most " + MAX_PAYLOADS + " payloads per request");
    }
    return payloads.getPayloadsList();
  }

  private static String print(List<Payload> payloads) {
    try {
      return JsonFormat.printer().omittingInsignificantWhitespace()
          .print(Payloads.newBuilder().addAllPayloads(payloads).build());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
