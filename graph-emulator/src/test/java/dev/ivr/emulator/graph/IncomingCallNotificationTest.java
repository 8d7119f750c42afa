package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphEmulatorExtension;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.PayloadStyle;
import java.net.URI;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IncomingCallNotificationTest {

  @RegisterExtension
  static GraphEmulatorExtension graph = new GraphEmulatorExtension(EmulatorConfig.defaults().withTimeScale(20));

  final BotEndpoint bot = BotEndpoint.start();

  @AfterEach
  void tearDown() {
    bot.close();
  }

  @Test
  void incomingPstnCall_postsTheDocsLeanCreated_forTheResourceAccount() {
    GraphEmulator emulator = graph.emulator();
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withCallerPhone("+14255550123")
        .withTarget("11111111-2222-4333-8444-555555555555"));
    var item = bot.awaitIncoming();
    var envelope = item.post().body();
    assertThat(envelope.path("@odata.type").asText()).isEqualTo("#microsoft.graph.commsNotifications");
    assertThat(item.json().path("@odata.type").asText()).isEqualTo("#microsoft.graph.commsNotification");
    assertThat(item.changeType()).isEqualTo("created");
    assertThat(item.resourceUrl()).isEqualTo("/communications/calls/" + BotEndpoint.squash(callId));
    assertThat(item.json().has("resource")).as("no legacy resource path").isFalse();
    var data = item.data();
    assertThat(data.path("@odata.type").asText()).isEqualTo("#microsoft.graph.call");
    assertThat(data.path("@odata.id").asText()).isEqualTo(item.resourceUrl());
    assertThat(data.path("state").asText()).isEqualTo("incoming");
    assertThat(data.path("direction").asText()).isEqualTo("incoming");
    assertThat(data.path("source").path("identity").path("phone").path("id").asText()).isEqualTo("+14255550123");
    assertThat(data.path("targets").get(0).path("identity").path("applicationInstance").path("id").asText())
        .isEqualTo("11111111-2222-4333-8444-555555555555");
    assertThat(data.path("requestedModalities").get(0).asText()).isEqualTo("audio");
    for (String absent : List.of("id", "tenantId", "callChainId", "myParticipantId", "incomingContext")) {
      assertThat(data.has(absent)).as(absent).isFalse();
    }
  }

  @Test
  void incomingTeamsUserCall_hasAUserIdentity_andCallsTheApplication() {
    String callId = graph.emulator().raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).fromTeamsUser());
    var item = bot.awaitIncoming();
    assertThat(item.isFor(callId)).isTrue();
    var data = item.data();
    assertThat(data.path("source").path("identity").path("user").path("id").asText()).isNotBlank();
    assertThat(data.path("source").path("identity").has("phone")).isFalse();
    var target = data.path("targets").get(0).path("identity");
    assertThat(target.path("application").path("id").asText()).isEqualTo(graph.emulator().config().clientId());
    assertThat(target.has("applicationInstance")).isFalse();
  }

  @Test
  void richPayloads_keepTheFullCallResourceAndTheLegacyPath() {
    try (GraphEmulator rich = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20)
        .withPayloadStyle(PayloadStyle.RICH).withSquashedResourceUrlIds(false))) {
      String callId = rich.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withCallerPhone("+14255550123")
          .withTarget("11111111-2222-4333-8444-555555555555"));
      var item = bot.awaitIncoming();
      assertThat(item.resourceUrl()).isEqualTo("/communications/calls/" + callId);
      assertThat(item.json().path("resource").asText()).isEqualTo("/app/calls/" + callId);
      var data = item.data();
      assertThat(data.path("id").asText()).isEqualTo(callId);
      assertThat(data.path("tenantId").asText()).isEqualTo(rich.config().tenantId());
      assertThat(data.path("callChainId").asText()).isEqualTo(rich.call(callId).callChainId());
      assertThat(data.path("myParticipantId").asText()).isEqualTo(data.path("targets").get(0).path("id").asText());
      assertThat(data.path("incomingContext").path("sourceParticipantId").asText()).isEqualTo(data.path("source").path("id").asText());
    }
  }

  @Test
  void notificationPost_carriesSkypeHeadersAndASignedJwtVerifiableWithThePublishedKeys() throws Exception {
    GraphEmulator emulator = graph.emulator();
    emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
    var post = bot.awaitIncoming().post();
    assertThat(post.header("User-Agent")).isEqualTo("Microsoft-Skype/3.0,(Calling/1.0)");
    String callId = emulator.calls().get(emulator.calls().size() - 1).id();
    assertThat(post.header("X-Microsoft-Skype-Chain-ID")).isEqualTo(emulator.call(callId).callChainId()).isNotBlank();
    assertThat(post.messageId()).isNotBlank();
    assertThat(post.header("Content-Type")).startsWith("application/json");

    String auth = post.header("Authorization");
    assertThat(auth).startsWith("Bearer ");
    SignedJWT jwt = SignedJWT.parse(auth.substring(7));
    var http = new GraphHttp(emulator);
    var oidc = GraphHttp.json(http.send(java.net.http.HttpRequest.newBuilder(URI.create(emulator.notificationOpenIdConfigurationUrl())).build()).body());
    var jwks = JWKSet.parse(http.send(java.net.http.HttpRequest.newBuilder(URI.create(oidc.get("jwks_uri").asText())).build()).body());
    RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(key).isNotNull();
    assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
    var claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("https://graph.microsoft.com");
    assertThat(claims.getAudience()).containsExactly(emulator.config().clientId());
    assertThat(claims.getStringClaim("tid")).isEqualTo(emulator.config().tenantId());
    assertThat(claims.getExpirationTime()).isAfter(new Date());
    assertThat(claims.getNotBeforeTime()).isBeforeOrEqualTo(new Date());
    assertThat(claims.getIssueTime()).isNotNull();
  }

  @Test
  void everyNotificationPost_hasItsOwnMessageId() {
    GraphEmulator emulator = graph.emulator();
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
    bot.awaitIncoming();
    GraphHttp.answerAndEstablish(new GraphHttp(emulator), bot, callId);
    var ids = new HashSet<String>();
    bot.posts().forEach(p -> ids.add(p.messageId()));
    assertThat(ids).hasSize(bot.posts().size()).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void keyRotation_signsWithANewKeyAndKeepsThePreviousOnePublished() throws Exception {
    GraphEmulator emulator = graph.emulator();
    emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
    String oldKid = SignedJWT.parse(bot.awaitIncoming().post().header("Authorization").substring(7)).getHeader().getKeyID();
    var http = new GraphHttp(emulator);
    var rotated = http.admin("POST", "/admin/keys/rotate", null);
    String newKid = GraphHttp.json(rotated.body()).get("kid").asText();
    assertThat(newKid).isNotEqualTo(oldKid);
    var jwks = JWKSet.parse(http.admin("GET", "/v1/.well-known/keys", null).body());
    assertThat(jwks.getKeyByKeyId(oldKid)).isNotNull();
    assertThat(jwks.getKeyByKeyId(newKid)).isNotNull();
    try (BotEndpoint other = BotEndpoint.start()) {
      emulator.raiseIncomingCall(IncomingCallSpec.to(other.callbackUri()));
      var jwt = SignedJWT.parse(other.awaitIncoming().post().header("Authorization").substring(7));
      assertThat(jwt.getHeader().getKeyID()).isEqualTo(newKid);
      assertThat(jwt.verify(new RSASSAVerifier((RSAKey) jwks.getKeyByKeyId(newKid)))).isTrue();
    }
  }

  @Test
  void botFrameworkIssuer_isConfigurable() throws Exception {
    try (GraphEmulator bf = GraphEmulator.start(EmulatorConfig.defaults().withNotificationIssuer(EmulatorConfig.ISSUER_BOT_FRAMEWORK))) {
      bf.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
      var jwt = SignedJWT.parse(bot.awaitIncoming().post().header("Authorization").substring(7));
      assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("https://api.botframework.com");
    }
  }
}
