package dev.ivr.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Who the audit names, from each kind of credential. */
class OperatorsTest {

  static final String OID = "7e4a0002-0000-4000-8000-000000000002";

  @Test
  void aPersonsToken_givesTheirNameAndObjectId() {
    Operators.Operator who = Operators.of(bearer(jwt().claim("name", "Olivia Operator").build()));
    assertThat(who.audit()).isEqualTo("Olivia Operator (" + OID + ")");
  }

  @Test
  void withoutAName_theUsername_thenTheApp_thenTheObjectIdAlone() {
    assertThat(Operators.of(bearer(jwt().claim("preferred_username", "olivia@contoso.com").build())).audit())
        .isEqualTo("olivia@contoso.com (" + OID + ")");
    assertThat(Operators.of(bearer(jwt().claim("azp", "5c217000-0000-4000-8000-000000000005").build())).name())
        .isEqualTo("app 5c217000-0000-4000-8000-000000000005");
    assertThat(Operators.of(bearer(jwt().claim("appid", "5c217000-0000-4000-8000-000000000006").build())).name())
        .as("a v1.0 app-only token").isEqualTo("app 5c217000-0000-4000-8000-000000000006");
    assertThat(Operators.of(bearer(jwt().build())).audit()).isEqualTo(OID + " (" + OID + ")");
  }

  @Test
  void aDirectoryName_isCleanedOfControlCharacters_andCut() {
    String name = "Mallory\n2026-01-01 INFO forged log line\u0007" + "x".repeat(200);
    Operators.Operator who = Operators.of(bearer(jwt().claim("name", name).build()));
    assertThat(who.name()).doesNotContain("\n", "\u0007").hasSize(Operators.MAX_NAME).startsWith("Mallory 2026");
  }

  @Test
  void httpBasic_givesTheUserName_withoutAnId() {
    Operators.Operator who = Operators.of(new UsernamePasswordAuthenticationToken("operator", "pw", List.of()));
    assertThat(who.audit()).isEqualTo("operator");
    assertThat(who.id()).isNull();
    assertThat(Operators.signedIn(new UsernamePasswordAuthenticationToken("operator", "pw", List.of()))).isFalse();
  }

  private static Jwt.Builder jwt() {
    return Jwt.withTokenValue("t").header("alg", "RS256").claim("oid", OID)
        .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
  }

  private static JwtAuthenticationToken bearer(Jwt jwt) {
    return new JwtAuthenticationToken(jwt, List.of(), jwt.getClaimAsString("oid"));
  }
}
