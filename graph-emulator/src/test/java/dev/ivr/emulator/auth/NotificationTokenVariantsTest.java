package dev.ivr.emulator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.NotificationTokenVariant;
import dev.ivr.emulator.faults.FaultTestSupport;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** Broken notification tokens on demand, so a bot's validation can be tested. */
class NotificationTokenVariantsTest extends FaultTestSupport {

  private SignedJWT tokenOfNextCall() throws Exception {
    try (BotEndpoint other = BotEndpoint.start()) {
      emulator.raiseIncomingCall(IncomingCallSpec.to(other.callbackUri()));
      String auth = other.awaitIncoming().post().header("Authorization");
      return auth == null ? null : SignedJWT.parse(auth.substring(7));
    }
  }

  @Test
  void badSignatureExpiredWrongAudienceAndMissing_canBeProduced() throws Exception {
    var jwks = JWKSet.parse(http.admin("GET", "/v1/.well-known/keys", null).body());
    http.admin("POST", "/admin/notification-token", "{\"variant\":\"badSignature\"}");
    var bad = tokenOfNextCall();
    assertThat(bad.verify(new RSASSAVerifier((RSAKey) jwks.getKeyByKeyId(bad.getHeader().getKeyID())))).isFalse();

    emulator.notificationTokenVariant(NotificationTokenVariant.EXPIRED);
    assertThat(tokenOfNextCall().getJWTClaimsSet().getExpirationTime()).isBefore(new Date());

    emulator.notificationTokenVariant(NotificationTokenVariant.WRONG_AUDIENCE);
    assertThat(tokenOfNextCall().getJWTClaimsSet().getAudience()).doesNotContain(emulator.config().clientId());

    emulator.notificationTokenVariant(NotificationTokenVariant.NONE);
    assertThat(tokenOfNextCall()).isNull();

    emulator.notificationTokenVariant(NotificationTokenVariant.VALID);
    var good = tokenOfNextCall();
    assertThat(good.verify(new RSASSAVerifier((RSAKey) jwks.getKeyByKeyId(good.getHeader().getKeyID())))).isTrue();
  }
}
