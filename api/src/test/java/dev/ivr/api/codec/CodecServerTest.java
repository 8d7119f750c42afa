package dev.ivr.api.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import dev.ivr.api.support.ApiHttp;
import dev.ivr.api.support.TemporalTestEnvironment;
import dev.ivr.codec.CodecProtocol;
import dev.ivr.codec.PayloadEncryption;
import dev.ivr.codec.PayloadKeys;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The codec server over a real socket: Temporal's {@code /encode} and {@code /decode}, for viewers and
 * operators only, CORS for the Web UI's origin (pre-flight included), 400 without echo for a malformed
 * request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TemporalTestEnvironment.class)
@DirtiesContext
@Timeout(60)
class CodecServerTest {
  static final String KEYS = PayloadKeys.generateEntry("k2") + "," + PayloadKeys.generateEntry("k1");
  static final String UI = "http://127.0.0.1:8233";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    java.nio.file.Path flows = dev.ivr.api.support.TestFlowsDir.create();
    registry.add("ivr.flows.dir", flows::toString);
    registry.add("ivr.flows.routing", () -> flows.resolve("routing.yaml").toString());
    registry.add("ivr.prompts.dir", () -> flows.resolve("prompts").toString());
    registry.add("ivr.notifications.auth.mode", () -> "disabled-for-development");
    registry.add("ivr.security.basic", () -> "enabled-for-development");
    registry.add("ivr.security.users.ops.password", () -> "{noop}ops-secret");
    registry.add("ivr.security.users.ops.roles", () -> "operator");
    registry.add("ivr.security.users.val.password", () -> "{noop}val-secret");
    registry.add("ivr.security.users.val.roles", () -> "viewer");
    registry.add("ivr.payload.keys", () -> KEYS);
    registry.add("ivr.codec.allowed-origins", () -> UI);
  }

  @Value("${local.server.port}")
  int port;

  private final DataConverter worker = PayloadEncryption.dataConverter(PayloadKeys.parse(KEYS));

  private String encrypted(String value) throws Exception {
    return JsonFormat.printer().print(worker.toPayloads(value).orElseThrow());
  }

  private static String firstValue(HttpResponse<byte[]> response) throws Exception {
    Payloads.Builder payloads = Payloads.newBuilder();
    JsonFormat.parser().merge(new String(response.body(), StandardCharsets.UTF_8), payloads);
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payloads.getPayloads(0), String.class, String.class);
  }

  private HttpResponse<byte[]> decode(ApiHttp http, String body) {
    return http.post("/codec/decode", "application/json", body, "X-Namespace", "default", "Origin", UI);
  }

  @Test
  void viewersAndOperators_getDecodedPayloads_withCorsForTheWebUi() throws Exception {
    ApiHttp anonymous = new ApiHttp(port, Duration.ofSeconds(10));
    for (ApiHttp allowed : new ApiHttp[] {anonymous.withBasicAuth("val", "val-secret"),
        anonymous.withBasicAuth("ops", "ops-secret")}) {
      HttpResponse<byte[]> answer = decode(allowed, encrypted("+15550100299"));
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(firstValue(answer)).isEqualTo("+15550100299");
      assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
      assertThat(answer.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
      assertThat(answer.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }
    // encode with the newest key; the worker (keys 2 and 1) reads it back
    HttpResponse<byte[]> encoded = anonymous.withBasicAuth("val", "val-secret").post("/codec/encode",
        "application/json", JsonFormat.printer().print(DefaultDataConverter.STANDARD_INSTANCE.toPayloads("x").orElseThrow()));
    Payloads.Builder payloads = Payloads.newBuilder();
    JsonFormat.parser().merge(new String(encoded.body(), StandardCharsets.UTF_8), payloads);
    assertThat(payloads.getPayloads(0).getMetadataOrThrow("encryption-key-id").toStringUtf8()).isEqualTo("k2");
    assertThat(worker.fromPayload(payloads.getPayloads(0), String.class, String.class)).isEqualTo("x");
  }

  @Test
  void anyoneElse_getsNoPlaintext() throws Exception {
    ApiHttp anonymous = new ApiHttp(port, Duration.ofSeconds(10));
    String body = encrypted("+15550100299");
    HttpResponse<byte[]> none = decode(anonymous, body);
    HttpResponse<byte[]> wrongPassword = decode(anonymous.withBasicAuth("val", "guess"), body);
    HttpResponse<byte[]> unknownUser = decode(anonymous.withBasicAuth("mallory", "val-secret"), body);

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    assertThat(unknownUser.statusCode()).isEqualTo(401);
    for (HttpResponse<byte[]> refused : java.util.List.of(none, wrongPassword, unknownUser)) {
      assertThat(new String(refused.body(), StandardCharsets.UTF_8)).doesNotContain("15550100299");
    }
    // the browser still sees the refusal (CORS headers on the 401), not an opaque network error
    assertThat(none.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
  }

  @Test
  void preflight_fromTheWebUiOrigin_isAnsweredWithoutCredentials_otherOriginsAreNot() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> preflight = http.send(preflight(UI), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> foreign = http.send(preflight("http://evil.example"), HttpResponse.BodyHandlers.ofString());

    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(v ->
        assertThat(v).contains("POST"));
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(v ->
        assertThat(v.toLowerCase()).contains("x-namespace").contains("content-type"));
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  private HttpRequest preflight(String origin) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/codec/decode"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,x-namespace")
        .build();
  }

  @Test
  void malformedRequests_get400_andNothingIsEchoed() throws Exception {
    ApiHttp viewer = new ApiHttp(port, Duration.ofSeconds(10)).withBasicAuth("val", "val-secret");
    for (String bad : new String[] {"<script>alert(1)</script>", "{\"payloads\":[{\"data\":\"<script>\"}]}",
        "{\"payloads\":\"<script>\"}", ""}) {
      HttpResponse<byte[]> answer = decode(viewer, bad);
      assertThat(answer.statusCode()).as(bad).isEqualTo(400);
      assertThat(new String(answer.body(), StandardCharsets.UTF_8)).as(bad).doesNotContain("<script>")
          .contains("payloads");
    }
    HttpResponse<byte[]> otherNamespace = viewer.post("/codec/decode", "application/json", encrypted("x"),
        "X-Namespace", "someone-else<script>");
    assertThat(otherNamespace.statusCode()).isEqualTo(400);
    assertThat(new String(otherNamespace.body(), StandardCharsets.UTF_8)).doesNotContain("<script>");
  }

  @Test
  void restrictedAndUndecryptablePayloads_areShownAsSuch() throws Exception {
    ApiHttp viewer = new ApiHttp(port, Duration.ofSeconds(10)).withBasicAuth("val", "val-secret");
    DataConverter restricting = PayloadEncryption.dataConverter(PayloadKeys.parse(KEYS), v -> v.equals("4321"));
    String pin = JsonFormat.printer().print(restricting.toPayloads("4321").orElseThrow());
    String unknownKey = JsonFormat.printer().print(PayloadEncryption.dataConverter(
        PayloadKeys.parse(PayloadKeys.generateEntry("k9"))).toPayloads("x").orElseThrow());

    assertThat(firstValue(decode(viewer, pin))).isEqualTo(CodecProtocol.RESTRICTED_TEXT);
    assertThat(firstValue(decode(viewer, unknownKey))).contains("key id 'k9'");
  }
}
