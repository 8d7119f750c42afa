package dev.ivr.api.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.ivr.api.support.ApiHttp;
import dev.ivr.api.support.EmulatorTokens;
import dev.ivr.api.support.TemporalTestEnvironment;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.JournalEntry;
import dev.ivr.emulator.NotificationTokenVariant;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.StepTaken;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Only Graph gets in: notifications whose token is missing, malformed, expired, badly signed, or
 * meant for another app or issuer are refused with 401/403, and no workflow ever sees them. Keys
 * come from the Graph emulator's OpenID configuration, as they come from Microsoft's in production,
 * and key rotation is followed without letting forged key ids hammer the key endpoint.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "ivr.flows.dir=../flows", "ivr.flows.routing=../flows/routing.yaml", "ivr.prompts.dir=../flows/prompts",
      // one refetch for an unknown key id per hour: enough for a rotation, never a flood
      "ivr.notifications.auth.jwks-min-refetch-interval=1h"
    })
@Import(TemporalTestEnvironment.class)
@Timeout(60) // a safety net against a hung call, not a timing assertion
class NotificationAuthenticationTest {

  private static final String SAMPLE_CALL_ID = "521f0b00-ffff-4bc9-a43e-b226498ec22a";
  private static final String PATH = "/callbacks/calling";
  private static final String KEYS_PATH = "/v1/.well-known/keys";

  static final GraphEmulator EMULATOR = GraphEmulator.start(EmulatorConfig.defaults());
  static final EmulatorTokens TOKENS = new EmulatorTokens(EMULATOR);

  @DynamicPropertySource
  static void validateAgainstTheEmulator(DynamicPropertyRegistry registry) {
    registry.add("ivr.notifications.auth.openid-configuration-url", EMULATOR::notificationOpenIdConfigurationUrl);
    registry.add("ivr.notifications.auth.audience", () -> EMULATOR.config().clientId());
    registry.add("ivr.notifications.auth.allowed-tenants", () -> EMULATOR.config().tenantId());
  }

  @AfterAll
  static void stopEmulator() {
    TOKENS.close();
    EMULATOR.close();
  }

  @Value("${local.server.port}")
  int port;

  @Autowired WorkflowClient client;

  ApiHttp api;
  String callId;

  @BeforeEach
  void setUp() {
    api = new ApiHttp(port, Duration.ofSeconds(30));
    callId = UUID.randomUUID().toString();
  }

  static Stream<Arguments> brokenTokens() {
    return Stream.of(
        Arguments.of(NotificationTokenVariant.NONE, 401),
        Arguments.of(NotificationTokenVariant.BAD_SIGNATURE, 401),
        Arguments.of(NotificationTokenVariant.EXPIRED, 401),
        Arguments.of(NotificationTokenVariant.WRONG_AUDIENCE, 403),
        Arguments.of(NotificationTokenVariant.WRONG_ISSUER, 403));
  }

  @ParameterizedTest
  @MethodSource("brokenTokens")
  void brokenToken_isRefused_andNoWorkflowSeesIt(NotificationTokenVariant variant, int status) throws IOException {
    String broken = TOKENS.authorization(variant);

    HttpResponse<byte[]> incoming = post("incoming-phone.json", broken);
    assertThat(incoming.statusCode()).isEqualTo(status);
    assertThat(ApiHttp.json(incoming).path("detail").asText()).isNotBlank();
    if (status == 401) {
      assertThat(incoming.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
    }
    assertThat(workflowExists()).isFalse();

    // a running call: the refused tone in the middle never reaches it
    assertThat(post("incoming-phone.json", TOKENS.valid()).statusCode()).isEqualTo(202);
    assertThat(post("tone.json", broken).statusCode()).isEqualTo(status);
    assertThat(post("terminated-string-resultinfo.json", TOKENS.valid()).statusCode()).isEqualTo(202);
    assertThat(received()).containsExactly("state:incoming", "state:terminated:200/5001");
  }

  @Test
  void malformedAuthorization_is401_andNothingIsSignalled() throws Exception {
    String unsigned = "Bearer " + new PlainJWT(claims(EMULATOR.config().clientId()).build()).serialize();
    for (String authorization : List.of("Bearer", "Bearer not.a.jwt", "Basic dXNlcjpwYXNz", "bearer " + "x".repeat(7_000),
        "Bearer eyJhbGciOiJSUzI1NiJ9.e30.AAAA", unsigned, TOKENS.valid().substring(0, TOKENS.valid().length() - 4))) {
      assertThat(post("incoming-phone.json", authorization).statusCode()).as(authorization.substring(0, 6)).isEqualTo(401);
    }
    assertThat(workflowExists()).isFalse();
  }

  @Test
  void theEmulatorsOwnNotifications_getInWithAValidToken_andAreRefusedWithAForgedOne() throws Exception {
    String refused;
    EMULATOR.notificationTokenVariant(NotificationTokenVariant.WRONG_AUDIENCE);
    try {
      refused = EMULATOR.raiseIncomingCall(IncomingCallSpec.to("http://127.0.0.1:" + port + PATH));
      // the emulator gives up on the call when its created notification is never acknowledged
      assertThat(EMULATOR.awaitCallEnded(refused, Duration.ofSeconds(40))).isTrue();
    } finally {
      EMULATOR.notificationTokenVariant(NotificationTokenVariant.VALID);
    }
    assertThat(EMULATOR.journal(refused)).filteredOn(e -> e.kind() == JournalEntry.Kind.NOTIFICATION)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.status()).isEqualTo(403));
    callId = refused;
    assertThat(workflowExists()).isFalse();

    callId = EMULATOR.raiseIncomingCall(IncomingCallSpec.to("http://127.0.0.1:" + port + PATH));
    awaitWorkflow();
    EMULATOR.hangUp(callId);
    assertThat(received()).first().isEqualTo("state:incoming");
  }

  @Test
  void keyRotation_isFollowed_butForgedKeyIdsNeverMakeUsRefetchTheKeys() throws Exception {
    assertThat(post("incoming-phone.json", TOKENS.valid()).statusCode()).isEqualTo(202); // keys are cached
    EMULATOR.rotateSigningKey();

    callId = EMULATOR.raiseIncomingCall(IncomingCallSpec.to("http://127.0.0.1:" + port + PATH));
    awaitWorkflow(); // signed with the new key: accepted after one refetch
    long fetchesAfterRotation = keyFetches();

    RSAKey forger = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    for (int i = 0; i < 25; i++) {
      SignedJWT forged = new SignedJWT(
          new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(UUID.randomUUID().toString()).build(),
          claims(EMULATOR.config().clientId()).build());
      forged.sign(new RSASSASigner(forger));
      assertThat(post("tone.json", "Bearer " + forged.serialize()).statusCode()).isEqualTo(401);
    }

    assertThat(keyFetches()).isEqualTo(fetchesAfterRotation);
    EMULATOR.hangUp(callId);
    assertThat(received()).containsExactly("state:incoming", "state:terminated:200/540000");
  }

  private static JWTClaimsSet.Builder claims(String audience) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(EmulatorConfig.ISSUER_GRAPH)
        .audience(audience)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now.minusSeconds(60)))
        .expirationTime(Date.from(now.plusSeconds(3600)))
        .claim("tid", EMULATOR.config().tenantId());
  }

  private long keyFetches() {
    return EMULATOR.journal().stream().filter(e -> e.kind() == JournalEntry.Kind.REQUEST && KEYS_PATH.equals(e.path())).count();
  }

  private boolean workflowExists() {
    try {
      client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
          DescribeWorkflowExecutionRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace())
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(CallIds.workflowId(callId)))
              .build());
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private void awaitWorkflow() throws InterruptedException {
    while (!workflowExists()) {
      Thread.sleep(20); // bounded by @Timeout
    }
  }

  private List<String> received() {
    return client.newUntypedWorkflowStub(CallIds.workflowId(callId)).getResult(CallResult.class).path().stream()
        .map(StepTaken::nodeId)
        .toList();
  }

  private HttpResponse<byte[]> post(String resource, String authorization) throws IOException {
    String body = new String(NotificationMapperTest.resource(resource), StandardCharsets.UTF_8)
        .replace(SAMPLE_CALL_ID, callId)
        .replace(SAMPLE_CALL_ID.replace("-", "").toUpperCase(), callId.replace("-", "").toUpperCase());
    return authorization == null
        ? api.post(PATH, "application/json", body, CallbackController.MESSAGE_ID, "m-" + UUID.randomUUID())
        : api.post(PATH, "application/json", body, CallbackController.MESSAGE_ID, "m-" + UUID.randomUUID(),
            "Authorization", authorization);
  }
}
