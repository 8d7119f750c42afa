package dev.ivr.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncryptionCodecTest {
  static final String K1 = PayloadKeys.generateEntry("k1");
  static final String K2 = PayloadKeys.generateEntry("k2");

  private static Payload plain(String value) {
    return DefaultDataConverter.STANDARD_INSTANCE.toPayload(value).orElseThrow();
  }

  @Test
  void encrypts_withTheCurrentKeyIdInTheMetadata_andDecryptsBack() {
    EncryptionCodec codec = new EncryptionCodec(PayloadKeys.parse(K2 + "," + K1));
    Payload original = plain("+15550100299");

    Payload sealed = codec.encode(List.of(original)).get(0);

    assertThat(EncryptionCodec.keyId(sealed)).isEqualTo("k2");
    assertThat(sealed.getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
    assertThat(sealed.getMetadataOrThrow("encryption-cipher").toStringUtf8()).isEqualTo("AES-256-GCM");
    assertThat(sealed.getData().toStringUtf8()).doesNotContain("15550100299");
    assertThat(sealed.toString()).doesNotContain("json/plain");
    assertThat(codec.decode(List.of(sealed)).get(0)).isEqualTo(original);
    // the same value twice: two nonces, two ciphertexts
    assertThat(codec.encode(List.of(original)).get(0).getData()).isNotEqualTo(sealed.getData());
  }

  @Test
  void rotation_oldPayloadsDecryptWithAnyKey_newOnesUseTheNewest() {
    Payload underK1 = new EncryptionCodec(PayloadKeys.parse(K1)).encode(List.of(plain("token"))).get(0);
    EncryptionCodec rotated = new EncryptionCodec(PayloadKeys.parse(K2 + "\n" + K1));

    assertThat(rotated.decode(List.of(underK1)).get(0)).isEqualTo(plain("token"));
    assertThat(EncryptionCodec.keyId(rotated.encode(List.of(plain("token"))).get(0))).isEqualTo("k2");
  }

  @Test
  void aMissingKey_failsNamingItsId() {
    Payload underK1 = new EncryptionCodec(PayloadKeys.parse(K1)).encode(List.of(plain("x"))).get(0);

    assertThatThrownBy(() -> new EncryptionCodec(PayloadKeys.parse(K2)).decode(List.of(underK1)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("key id 'k1'").hasMessageContaining("[k2]").hasMessageContaining(PayloadKeys.ENV);
    assertThatThrownBy(() -> new EncryptionCodec(PayloadKeys.NONE).decode(List.of(underK1)))
        .hasMessageContaining("key id 'k1'").hasMessageContaining("none");
  }

  @Test
  void tamperedCiphertextOrMetadata_isRejectedByTheTag() {
    EncryptionCodec codec = new EncryptionCodec(PayloadKeys.parse(K1));
    Payload sealed = codec.encode(List.of(plain("1234"))).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 20] ^= 1;
    Payload flipped = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();
    Payload unrestricted = codec.encode(List.of(plain("1234").toBuilder()
        .putMetadata(EncryptionCodec.RESTRICTED, ByteString.copyFromUtf8("true")).build())).get(0).toBuilder()
        .removeMetadata(EncryptionCodec.RESTRICTED).build();
    Payload truncated = sealed.toBuilder().setData(sealed.getData().substring(0, 10)).build();

    assertThatThrownBy(() -> codec.decode(List.of(flipped))).isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("key id 'k1'").hasMessageContaining("GCM").hasMessageContaining("tampered");
    assertThatThrownBy(() -> codec.decode(List.of(unrestricted))).hasMessageContaining("GCM");
    assertThatThrownBy(() -> codec.decode(List.of(truncated))).hasMessageContaining("truncated");
  }

  @Test
  void plainPayloads_passThroughDecoding_andNoKeysWritesPlain() {
    EncryptionCodec codec = new EncryptionCodec(PayloadKeys.parse(K1));
    assertThat(codec.decode(List.of(plain("old history")))).containsExactly(plain("old history"));
    assertThat(new EncryptionCodec(PayloadKeys.NONE).encode(List.of(plain("x")))).containsExactly(plain("x"));
  }

  @Test
  void restrictedValues_areMarkedOutsideTheCiphertext_andStillDecodeInProcess() {
    DataConverter converter = PayloadEncryption.dataConverter(PayloadKeys.parse(K1), v -> v.equals("1234"));

    Payload pin = converter.toPayload("1234").orElseThrow();
    Payload other = converter.toPayload("hello").orElseThrow();

    assertThat(EncryptionCodec.isRestricted(pin)).isTrue();
    assertThat(EncryptionCodec.isRestricted(other)).isFalse();
    assertThat(converter.fromPayload(pin, String.class, String.class)).isEqualTo("1234");
    assertThat(EncryptionCodec.isRestricted(converter.toPayloads("x", "1234").orElseThrow().getPayloads(1))).isTrue();
  }
}
