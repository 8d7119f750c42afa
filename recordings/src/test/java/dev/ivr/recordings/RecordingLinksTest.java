package dev.ivr.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RecordingLinksTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final String LOCATION = "call-0123/3-record.wav";
  private final RecordingLinks links = RecordingLinks.withKey(RecordingLinks.generateKey(), RecordingLinks.ENV);

  @Test
  void aSignedToken_namesItsLocationUntilItExpires() {
    String token = links.sign(RecordingLinks.PLAY, LOCATION, NOW, Duration.ofMinutes(5));

    assertThat(links.verify(RecordingLinks.PLAY, token, NOW.plusSeconds(299))).contains(LOCATION);
    assertThat(links.verify(RecordingLinks.PLAY, token, NOW.plusSeconds(300))).isEmpty();
  }

  @Test
  void aTokenForOnePurpose_isRefusedForTheOther() {
    String token = links.sign(RecordingLinks.PLAY, LOCATION, NOW, Duration.ofMinutes(5));

    assertThat(links.verify(RecordingLinks.DOWNLOAD, token, NOW)).isEmpty();
  }

  @Test
  void anotherKeysToken_isRefused() {
    RecordingLinks other = RecordingLinks.withKey(RecordingLinks.generateKey(), RecordingLinks.ENV);

    assertThat(links.verify(RecordingLinks.PLAY, other.sign(RecordingLinks.PLAY, LOCATION, NOW, Duration.ofMinutes(5)),
        NOW)).isEmpty();
  }

  @Test
  void aTamperedLocationOrExpiry_isRefused() {
    String token = links.sign(RecordingLinks.PLAY, LOCATION, NOW, Duration.ofMinutes(5));
    String signature = token.substring(token.indexOf('.'));
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String otherLocation = b64.encodeToString(("v1\nplay\n" + NOW.plusSeconds(300).getEpochSecond()
        + "\ncall-9999/1-record.wav").getBytes(StandardCharsets.UTF_8));
    String longer = b64.encodeToString(("v1\nplay\n" + NOW.plusSeconds(86_400).getEpochSecond() + "\n" + LOCATION)
        .getBytes(StandardCharsets.UTF_8));

    assertThat(links.verify(RecordingLinks.PLAY, otherLocation + signature, NOW)).isEmpty();
    assertThat(links.verify(RecordingLinks.PLAY, longer + signature, NOW.plusSeconds(400))).isEmpty();
  }

  @Test
  void malformedTokens_areRefused() {
    for (String token : new String[] {"", ".", "abc", "a.b.c", "!!!.???", "x".repeat(5000), null}) {
      assertThat(links.verify(RecordingLinks.PLAY, token, NOW)).as(String.valueOf(token)).isEmpty();
    }
  }

  @Test
  void aMissingOrShortKey_isAClearError() {
    assertThatThrownBy(() -> RecordingLinks.withKey(null, "IVR_MEDIA_SIGNING_KEY"))
        .hasMessageContaining("IVR_MEDIA_SIGNING_KEY is not set");
    assertThatThrownBy(() -> RecordingLinks.withKey("short-key", "ivr.media.signing-key"))
        .hasMessageContaining("ivr.media.signing-key must be at least 32 characters")
        .hasMessageNotContaining("short-key");
  }
}
