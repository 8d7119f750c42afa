package dev.ivr.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import org.junit.jupiter.api.Test;

class CodecProtocolTest {
  static final PayloadKeys KEYS = PayloadKeys.parse(PayloadKeys.generateEntry("k1"));
  final CodecProtocol protocol = new CodecProtocol(new EncryptionCodec(KEYS));

  private static String body(Payloads payloads) throws Exception {
    return JsonFormat.printer().print(payloads);
  }

  private static String first(String answer) throws Exception {
    Payloads.Builder out = Payloads.newBuilder();
    JsonFormat.parser().merge(answer, out);
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(out.getPayloads(0), String.class, String.class);
  }

  @Test
  void encodeThenDecode_roundTrips() throws Exception {
    String plain = body(DefaultDataConverter.STANDARD_INSTANCE.toPayloads("+15550100299").orElseThrow());

    String encoded = protocol.encode(plain);
    assertThat(encoded).doesNotContain(java.util.Base64.getEncoder().encodeToString("\"+15550100299\"".getBytes()));
    assertThat(first(protocol.decode(encoded))).isEqualTo("+15550100299");
  }

  @Test
  void restrictedPayloads_areNeverDecoded_forAPerson() throws Exception {
    DataConverter converter = PayloadEncryption.dataConverter(KEYS, v -> v.equals("1234"));
    String answer = protocol.decode(body(converter.toPayloads("1234").orElseThrow()));
    assertThat(first(answer)).isEqualTo(CodecProtocol.RESTRICTED_TEXT);
  }

  @Test
  void anUndecryptablePayload_saysWhyInItsPlace() throws Exception {
    DataConverter other = PayloadEncryption.dataConverter(PayloadKeys.parse(PayloadKeys.generateEntry("k9")));
    String answer = protocol.decode(body(other.toPayloads("x").orElseThrow()));
    assertThat(first(answer)).startsWith("[cannot decrypt: ").contains("key id 'k9'");
  }

  @Test
  void malformedBodies_areRejected_withoutRepeatingThem() {
    for (String bad : new String[] {"", "not json <script>", "{\"payloads\":\"<script>\"}", "[1,2]",
        "{\"payloads\":[{\"data\":\"@@notbase64<script>\"}]}"}) {
      assertThatThrownBy(() -> protocol.decode(bad)).as(bad).isInstanceOf(CodecProtocol.MalformedRequest.class)
          .hasMessageNotContaining("<script>");
    }
  }
}
