package dev.ivr.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nonnull;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM over whole payloads (metadata and data). An encrypted payload has the encoding
 * {@value #ENCODING}, the key id in {@value #KEY_ID}, and as data a random 12-byte nonce followed by the
 * ciphertext and its 16-byte tag. The key id and the {@value #RESTRICTED} flag are authenticated too
 * (GCM's associated data): changing either fails the tag like changing the ciphertext.
 *
 * <p>Encoding uses the current key; with no key at all it leaves payloads as they are. Decoding
 * leaves a payload that is not encrypted as it is (histories written before the codec), and fails
 * with a {@link PayloadCodecException} naming the key id when that key is missing or the tag does not
 * verify: never a silent fallback.
 */
public final class EncryptionCodec implements PayloadCodec {
  public static final String ENCODING = "binary/encrypted";
  public static final String KEY_ID = "encryption-key-id";
  public static final String CIPHER = "encryption-cipher";
  public static final String CIPHER_NAME = "AES-256-GCM";
  /**
   * Set ({@code "true"}) on a payload that carries a caller's secure input (DTMF keys, a secure
   * variable's value): the codec server never decrypts it; only the worker and the api do, in process.
   */
  public static final String RESTRICTED = "ivr-restricted";

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);
  private static final ByteString TRUE = ByteString.copyFromUtf8("true");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PayloadKeys keys;

  public EncryptionCodec(PayloadKeys keys) {
    this.keys = keys;
  }

  public PayloadKeys keys() {
    return keys;
  }

  @Nonnull
  @Override
  public List<Payload> encode(@Nonnull List<Payload> payloads) {
    if (keys.isEmpty()) {
      return payloads;
    }
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      out.add(isEncrypted(payload) ? payload : encrypt(payload));
    }
    return out;
  }

  @Nonnull
  @Override
  public List<Payload> decode(@Nonnull List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      out.add(isEncrypted(payload) ? decrypt(payload) : payload);
    }
    return out;
  }

  /** Whether {@code payload} is encrypted by this codec. */
  public static boolean isEncrypted(Payload payload) {
    return ENCODING_BYTES.equals(payload.getMetadataMap().get("encoding"));
  }

  /** Whether {@code payload} (encrypted or not) is marked {@value #RESTRICTED}. */
  public static boolean isRestricted(Payload payload) {
    return TRUE.equals(payload.getMetadataMap().get(RESTRICTED));
  }

  /** The id of the key that encrypted {@code payload}, or null if it is not encrypted. */
  public static String keyId(Payload payload) {
    ByteString id = payload.getMetadataMap().get(KEY_ID);
    return isEncrypted(payload) && id != null ? id.toStringUtf8() : null;
  }

  private Payload encrypt(Payload payload) {
    String keyId = keys.currentId().orElseThrow();
    boolean restricted = isRestricted(payload);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] sealed;
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.key(keyId).orElseThrow(), nonce, keyId, restricted);
      sealed = cipher.doFinal(payload.toByteArray());
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("cannot encrypt a payload with key '" + keyId + "': " + e.getMessage(), e);
    }
    Payload.Builder out = Payload.newBuilder()
        .putMetadata("encoding", ENCODING_BYTES)
        .putMetadata(KEY_ID, ByteString.copyFromUtf8(keyId))
        .putMetadata(CIPHER, ByteString.copyFromUtf8(CIPHER_NAME))
        .setData(ByteString.copyFrom(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()));
    if (restricted) {
      out.putMetadata(RESTRICTED, TRUE);
    }
    return out.build();
  }

  private Payload decrypt(Payload payload) {
    String keyId = keyId(payload);
    if (keyId == null) {
      throw new PayloadCodecException("an encrypted payload has no " + KEY_ID + ": it cannot be decrypted");
    }
    SecretKey key = keys.key(keyId).orElseThrow(() -> new PayloadCodecException("payload encrypted with key id '"
        + keyId + "', which this process does not have (its keys: " + (keys.isEmpty() ? "none" : keys.ids())
        + "); add that key to " + PayloadKeys.ENV + " or " + PayloadKeys.ENV_FILE));
    byte[] data = payload.getData().toByteArray();
    if (data.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new PayloadCodecException("payload encrypted with key id '" + keyId + "' is truncated ("
          + data.length + " bytes)");
    }
    byte[] plain;
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(data, NONCE_BYTES), keyId,
          isRestricted(payload));
      plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new PayloadCodecException("payload encrypted with key id '" + keyId + "' failed its GCM authentication:"
          + " the ciphertext or its metadata was changed (tampered), or key '" + keyId + "' is not the key it was"
          + " encrypted with", e);
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("cannot decrypt a payload with key '" + keyId + "': " + e.getMessage(), e);
    }
    try {
      return Payload.parseFrom(plain);
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadCodecException("payload encrypted with key id '" + keyId + "' holds no payload", e);
    }
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String keyId, boolean restricted)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(("ivr-payload-v1|" + keyId + "|" + (restricted ? "restricted" : "open"))
        .getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
