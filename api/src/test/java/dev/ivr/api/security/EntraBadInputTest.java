package dev.ivr.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.api.support.EntraBrowser;
import dev.ivr.api.support.EntraTestSetup;
import dev.ivr.emulator.EntraDirectory;
import dev.ivr.emulator.EntraTokenVariant;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.workflows.operator.OperatorAction;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bad input, each over real HTTP: a forged or expired token, a token for another tenant or
 * another app, a token with no role, a state change without a CSRF token, a redirect URI that is not
 * registered; plus an ID token passed off as an access token and refused sign-ins. Each gets 401 or
 * 403; the live call it aimed at gets no signal; no answer and no log line holds the token. The same
 * request with a good token or session is accepted, so each refusal is for what was wrong.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(ScriptedCalls.class)
@ExtendWith(OutputCaptureExtension.class)
@Timeout(120)
class EntraBadInputTest {

  static final EntraTestSetup ENTRA = new EntraTestSetup();
  static final String WEB_UI = "http://127.0.0.1:18233";
  static final String HANGUP = "{\"type\":\"hangup\",\"reason\":\"bad input test\"}";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ENTRA.register(registry);
    registry.add("ivr.codec.allowed-origins", () -> WEB_UI);
  }

  @AfterAll
  static void stopEmulator() {
    ENTRA.emulator.close();
  }

  @Autowired WorkflowClient client;

  @Test
  void badBearerTokens_are401_or403ForNoRole_andTheCallGetsNothing(CapturedOutput output) throws Exception {
    GraphEmulator emulator = ENTRA.emulator;
    String call = ScriptedCalls.start(client);
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("forged", emulator.accessToken("olivia@ivr.test", EntraTokenVariant.FORGED));
    refused.put("expired", emulator.accessToken("olivia@ivr.test", EntraTokenVariant.EXPIRED));
    refused.put("another tenant", emulator.accessToken("olivia@ivr.test", EntraTokenVariant.OTHER_TENANT));
    refused.put("another app", emulator.accessToken("olivia@ivr.test", EntraTokenVariant.OTHER_AUDIENCE));
    refused.put("an ID token", idToken(ENTRA.user("olivia@ivr.test")));
    refused.put("not a JWT", "not-a-token");
    refused.put("alg none", "eyJhbGciOiJub25lIn0." + Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("{\"aud\":\"" + emulator.directory().app().clientId() + "\",\"roles\":[\"IVR.Operator\"]}").getBytes()) + ".");

    for (var bad : refused.entrySet()) {
      HttpResponse<String> answer = bearer("POST", "/api/calls/" + call + "/actions", bad.getValue(), HANGUP);
      assertThat(answer.statusCode()).as(bad.getKey()).isEqualTo(401);
      assertThat(answer.headers().firstValue("WWW-Authenticate").orElseThrow()).as(bad.getKey()).startsWith("Bearer")
          .doesNotContain(bad.getValue());
      assertThat(answer.body()).as(bad.getKey()).doesNotContain(bad.getValue());
      assertThat(bearer("GET", "/api/calls/" + call, bad.getValue(), null).statusCode()).as(bad.getKey()).isEqualTo(401);
    }
    String noRole = emulator.accessToken("nora@ivr.test", EntraTokenVariant.VALID);
    assertThat(bearer("POST", "/api/calls/" + call + "/actions", noRole, HANGUP).statusCode()).isEqualTo(403);
    assertThat(bearer("GET", "/api/calls/" + call, noRole, null).statusCode()).isEqualTo(403);
    String viewer = emulator.accessToken("vera@ivr.test", EntraTokenVariant.VALID);
    assertThat(bearer("GET", "/api/calls/" + call, viewer, null).statusCode()).as("a viewer looks").isEqualTo(200);
    assertThat(bearer("POST", "/api/calls/" + call + "/actions", viewer, HANGUP).statusCode()).isEqualTo(403);

    assertThat(ScriptedCalls.operatorSignals(client, call)).as("signals the call received").isEmpty();
    String logs = output.getAll();
    refused.values().forEach(token -> assertThat(logs).doesNotContain(token));
    assertThat(logs).doesNotContain(noRole).doesNotContain(viewer);

    // the same request with a good token is accepted: the refusals were for the token
    String operator = emulator.accessToken("olivia@ivr.test", EntraTokenVariant.VALID);
    HttpResponse<String> accepted = bearer("POST", "/api/calls/" + call + "/actions", operator, HANGUP);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(ScriptedCalls.awaitOperatorSignals(client, call, 1)).extracting(OperatorAction::operator)
        .as("the good token's action, and none before it").containsExactly(
            "Olivia Operator (" + ENTRA.user("olivia@ivr.test").oid() + ")");
  }

  @Test
  void scriptWithAnAppOnlyToken_actsAsItsApp_andIsNamedInTheAudit() throws Exception {
    GraphEmulator emulator = ENTRA.emulator;
    EntraDirectory.Client scripts = emulator.directory().clients().get(0);
    HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(emulator.tokenEndpoint()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + scripts.clientId()
            + "&client_secret=" + enc(scripts.clientSecret()) + "&scope="
            + enc(emulator.directory().app().appIdUri() + "/.default"))).build());
    String accessToken = EntraBrowser.json(token).path("access_token").asText();
    String call = ScriptedCalls.start(client);
    HttpResponse<String> accepted = bearer("POST", "/api/calls/" + call + "/actions", accessToken, HANGUP);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(ScriptedCalls.awaitOperatorSignals(client, call, 1)).extracting(OperatorAction::operator)
        .containsExactly("app " + scripts.clientId() + " (" + scripts.servicePrincipalId() + ")");
  }

  @Test
  void stateChangeWithoutCsrfToken_is403_andTheCallGetsNothing(CapturedOutput output) throws Exception {
    String call = ScriptedCalls.start(client);
    EntraBrowser olivia = ENTRA.browser();
    olivia.signIn(ENTRA.user("olivia@ivr.test"));
    String[] csrf = olivia.csrf();

    assertThat(olivia.post("/api/calls/" + call + "/actions", "application/json", HANGUP).statusCode()).isEqualTo(403);
    assertThat(olivia.post("/api/calls/" + call + "/actions", "application/json", HANGUP, csrf[0], "forged-token")
        .statusCode()).isEqualTo(403);
    assertThat(olivia.post("/api/flows/reload", null, "").statusCode()).isEqualTo(403);
    // a form post from another site carries the cookie but no token; the JSON body does not help it either
    assertThat(olivia.post("/api/calls/" + call + "/actions", "text/plain", HANGUP).statusCode()).isEqualTo(403);
    assertThat(ScriptedCalls.operatorSignals(client, call)).isEmpty();
    assertThat(output.getAll()).doesNotContain(csrf[1]);

    assertThat(olivia.post("/api/calls/" + call + "/actions", "application/json", HANGUP, csrf[0], csrf[1])
        .statusCode()).as("with the session's token").isEqualTo(202);
    assertThat(ScriptedCalls.awaitOperatorSignals(client, call, 1)).as("the accepted action, and none before it")
        .hasSize(1);
  }

  @Test
  void unregisteredRedirectUri_isRefusedByEntra_andAForgedCallbackSignsNobodyIn() {
    GraphEmulator emulator = ENTRA.emulator;
    String authorize = emulator.entraAuthority() + "/" + emulator.config().tenantId() + "/oauth2/v2.0/authorize"
        + "?response_type=code&client_id=" + emulator.directory().app().clientId() + "&scope=openid"
        + "&code_challenge=" + challenge("v".repeat(50)) + "&code_challenge_method=S256&state=s&redirect_uri=";
    for (String elsewhere : new String[] {"https://evil.example/login/oauth2/code/entra",
        "http://127.0.0.1:" + ENTRA.apiPort + "/login/oauth2/code/other",
        "http://localhost:" + ENTRA.apiPort + "/login/oauth2/code/entra"}) {
      HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(authorize + enc(elsewhere))).GET().build());
      assertThat(page.statusCode()).as(elsewhere).isEqualTo(400);
      assertThat(page.headers().firstValue("Location")).as(elsewhere).isEmpty();
      assertThat(page.body()).contains("AADSTS50011").doesNotContain("name=\"password\"");
    }

    // a callback the api never asked for (its state unknown to the session): no one is signed in
    EntraBrowser browser = ENTRA.browser();
    HttpResponse<String> forged = browser.get("/login/oauth2/code/entra?code=stolen-code&state=guessed");
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.body()).doesNotContain("stolen-code");
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void signInWithABadIdToken_fails_andLeavesNoSession(CapturedOutput output) {
    for (EntraTokenVariant variant : new EntraTokenVariant[] {EntraTokenVariant.FORGED, EntraTokenVariant.EXPIRED,
        EntraTokenVariant.OTHER_TENANT, EntraTokenVariant.OTHER_AUDIENCE}) {
      ENTRA.emulator.signInTokenVariant(variant);
      try {
        EntraBrowser browser = ENTRA.browser();
        HttpResponse<String> landed = browser.signIn(ENTRA.user("olivia@ivr.test"));
        assertThat(landed.statusCode()).as(variant.name()).isEqualTo(401);
        assertThat(landed.body()).as(variant.name()).contains("Sign-in failed").doesNotContain("eyJ");
        assertThat(browser.get("/api/me").statusCode()).as(variant.name()).isEqualTo(401);
      } finally {
        ENTRA.emulator.signInTokenVariant(EntraTokenVariant.VALID);
      }
    }
    assertThat(output.getAll()).contains("Sign-in with Entra ID failed: invalid_id_token").doesNotContain("eyJ");
  }

  @Test
  void userWithoutRole_signsIn_butMayNotLook() {
    EntraBrowser nora = ENTRA.browser();
    HttpResponse<String> console = nora.signIn(ENTRA.user("nora@ivr.test"));
    assertThat(console.statusCode()).isEqualTo(403);
    assertThat(nora.get("/api/me").statusCode()).isEqualTo(403);
    assertThat(nora.get("/api/calls").statusCode()).isEqualTo(403);
  }

  /** The codec server (issue 16, built beside this) is protected by path; no handler is here yet, so 404 is "let through". */
  @Test
  void codecServer_needsAViewerOrOperatorToken_andAnswersCorsPreflightsOfAllowedOrigins() {
    GraphEmulator emulator = ENTRA.emulator;
    for (String path : new String[] {"/codec/decode", "/codec/encode"}) {
      assertThat(post(path, null).statusCode()).as(path + " without a token").isEqualTo(401);
      assertThat(bearer("POST", path, emulator.accessToken("vera@ivr.test", EntraTokenVariant.FORGED), "{}").statusCode())
          .isEqualTo(401);
      assertThat(bearer("POST", path, emulator.accessToken("vera@ivr.test", EntraTokenVariant.OTHER_AUDIENCE), "{}")
          .statusCode()).isEqualTo(401);
      assertThat(bearer("POST", path, emulator.accessToken("nora@ivr.test", EntraTokenVariant.VALID), "{}").statusCode())
          .isEqualTo(403);
      assertThat(bearer("POST", path, emulator.accessToken("vera@ivr.test", EntraTokenVariant.VALID), "{}").statusCode())
          .as(path + " with a viewer's token").isNotIn(401, 403);
    }
    HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ENTRA.apiPort
            + "/codec/decode")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", WEB_UI).header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization,content-type,x-namespace").build());
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(WEB_UI);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
    HttpResponse<String> stranger = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ENTRA.apiPort
            + "/codec/decode")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST").build());
    assertThat(stranger.statusCode()).isEqualTo(403);
    assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  // ---- helpers

  private static HttpResponse<String> bearer(String method, String path, String token, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ENTRA.apiPort + path))
        .header("Authorization", "Bearer " + token)
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return send(request.build());
  }

  private static HttpResponse<String> post(String path, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ENTRA.apiPort + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  /** A genuine ID token of {@code user} for the app, got the way the api gets one (to pass it off as an access token). */
  private static String idToken(EntraDirectory.User user) {
    GraphEmulator emulator = ENTRA.emulator;
    String verifier = "w".repeat(64);
    String redirect = "http://127.0.0.1:" + ENTRA.apiPort + "/login/oauth2/code/entra";
    String tenant = emulator.entraAuthority() + "/" + emulator.config().tenantId();
    HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(tenant + "/oauth2/v2.0/authorize"
        + "?response_type=code&client_id=" + emulator.directory().app().clientId() + "&scope=openid&state=s&nonce=n"
        + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256&redirect_uri=" + enc(redirect)))
        .GET().build());
    Matcher request = Pattern.compile("name=\"request\" value=\"([^\"]+)\"").matcher(form.body());
    assertThat(request.find()).isTrue();
    HttpResponse<String> back = send(HttpRequest.newBuilder(URI.create(tenant + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("request=" + enc(request.group(1)) + "&username="
            + enc(user.username()) + "&password=" + enc(user.password()))).build());
    String code = back.headers().firstValue("Location").orElseThrow().replaceAll(".*[?&]code=([^&]+).*", "$1");
    HttpResponse<String> tokens = send(HttpRequest.newBuilder(URI.create(emulator.tokenEndpoint()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code + "&redirect_uri="
            + enc(redirect) + "&code_verifier=" + verifier + "&client_id=" + emulator.directory().app().clientId()
            + "&client_secret=" + enc(emulator.directory().app().clientSecret()))).build());
    return EntraBrowser.json(tokens).path("id_token").asText();
  }

  private static String challenge(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
