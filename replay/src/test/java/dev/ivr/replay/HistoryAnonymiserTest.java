package dev.ivr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryAnonymiserTest {

  @Test
  void personalData_isReplacedByStablePlaceholders_andIdsAreKept() {
    String payload = """
        {"event":{"kind":"callState","state":"incoming","incoming":{"callerId":"%s","callerKind":"user",
         "displayName":"Ada Lovelace","targetId":"flowtest-main"}},
         "messageId":"7e53b386-e286-4db3-8765-4321abcdef01",
         "variables":{"phone":"+14255550100","again":"tel:+14255550100","account":"12345678","short":"1234"},
         "recordingAccessToken":"eyJ0eXAiOiJKV1Qi.secret","callId":"call-e0c71cc8b5934f9a9eb33974bc77ade9"}
        """.formatted("3f2b9a7c-1d4e-4f60-9a8b-7c6d5e4f3a2b");
    String history = "{\"events\":[{\"eventId\":\"1\",\"input\":{\"payloads\":[{\"metadata\":{\"encoding\":\""
        + b64("json/plain") + "\"},\"data\":\"" + b64(payload) + "\"}]}}]}";

    List<String> decoded = HistoryAnonymiser.decodedPayloads(HistoryAnonymiser.anonymise(history));

    assertThat(decoded).hasSize(1);
    assertThat(decoded.get(0))
        .doesNotContain("14255550100", "Ada Lovelace", "12345678", "3f2b9a7c-1d4e", "eyJ0eXAi")
        .contains("\"phone\":\"+15550000001\"", "\"again\":\"tel:+15550000001\"", "\"account\":\"00000002\"",
            "\"short\":\"1234\"", "Caller 1", "00000000-0000-4000-8000-000000000001", "redacted-token-1",
            "7e53b386-e286-4db3-8765-4321abcdef01", "call-e0c71cc8b5934f9a9eb33974bc77ade9");
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
