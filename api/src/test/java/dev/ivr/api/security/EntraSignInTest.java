package dev.ivr.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.api.support.EntraBrowser;
import dev.ivr.api.support.EntraTestSetup;
import dev.ivr.emulator.EntraDirectory;
import dev.ivr.emulator.EntraSignOut;
import dev.ivr.emulator.EntraTokenVariant;
import dev.ivr.workflows.operator.OperatorAction;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Operators sign in to the console with Entra ID (the emulator's), over real HTTP as a browser does:
 * the authorization-code flow with PKCE, state and nonce; roles from app roles or groups; a viewer who
 * looks but cannot act; an operator whose action the call's audit names by name and object id; CSRF
 * on state changes; sign-out through Entra's end-session; a session bounded in time; Graph's side
 * untouched by sessions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(ScriptedCalls.class)
@Timeout(90)
class EntraSignInTest {

  static final EntraTestSetup ENTRA = new EntraTestSetup();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ENTRA.register(registry);
    registry.add("ivr.security.session.max-age", () -> "4s");
  }

  @AfterAll
  static void stopEmulator() {
    ENTRA.emulator.close();
  }

  @Autowired WorkflowClient client;

  @Test
  void signIn_usesTheAuthorizationCodeFlowWithPkceStateAndNonce_andLandsOnTheConsole() {
    EntraBrowser browser = ENTRA.browser();
    HttpResponse<String> console = browser.signIn(ENTRA.user("vera@ivr.test"));
    assertThat(console.statusCode()).isEqualTo(200);
    assertThat(console.uri().getPath()).isEqualTo("/console/");
    assertThat(console.body()).contains("IVR operator console");

    String authorize = browser.visited().stream().filter(u -> u.contains("/oauth2/v2.0/authorize")).findFirst()
        .orElseThrow();
    assertThat(authorize).startsWith("GET " + ENTRA.emulator.entraAuthority() + "/" + ENTRA.emulator.config().tenantId())
        .contains("response_type=code", "client_id=" + ENTRA.emulator.directory().app().clientId(),
            "code_challenge_method=S256", "code_challenge=", "state=", "nonce=", "scope=openid%20profile",
            "redirect_uri=http://127.0.0.1:" + ENTRA.apiPort + "/login/oauth2/code/entra");
    assertThat(browser.cookies()).extracting(c -> c.getName()).contains("JSESSIONID");
    // the session cookie: script-proof, sent on Entra's redirect back (a top-level GET) but not on cross-site
    // posts; and a new session id once signed in (the one that started the sign-in is not the signed-in one)
    List<String> sessions = browser.setCookies().stream().filter(c -> c.startsWith("JSESSIONID=")).toList();
    assertThat(sessions).hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(c -> assertThat(c).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure"));
    assertThat(sessions.get(0).split(";")[0]).isNotEqualTo(sessions.get(sessions.size() - 1).split(";")[0]);
  }

  @Test
  void viewer_looksButCannotAct_andTheCallGetsNothing() throws Exception {
    String call = ScriptedCalls.start(client);
    EntraBrowser vera = ENTRA.browser();
    vera.signIn(ENTRA.user("vera@ivr.test"));

    JsonNode me = EntraBrowser.json(vera.get("/api/me"));
    assertThat(me.path("user").asText()).isEqualTo("Vera Viewer");
    assertThat(me.path("id").asText()).isEqualTo(ENTRA.user("vera@ivr.test").oid());
    assertThat(me.path("roles")).extracting(JsonNode::asText).containsExactly("viewer");
    assertThat(me.path("canAct").asBoolean()).isFalse();
    assertThat(me.path("canSignOut").asBoolean()).isTrue();
    assertThat(vera.get("/api/calls/" + call).statusCode()).isEqualTo(200);

    String[] csrf = vera.csrf();
    HttpResponse<String> hangup = vera.post("/api/calls/" + call + "/actions", "application/json",
        "{\"type\":\"hangup\"}", csrf[0], csrf[1]);
    assertThat(hangup.statusCode()).isEqualTo(403);
    // an operator's hang-up afterwards is the call's only action: the viewer's never reached it
    String operatorToken = ENTRA.emulator.accessToken("olivia@ivr.test", EntraTokenVariant.VALID);
    assertThat(ENTRA.browser().post("/api/calls/" + call + "/actions", "application/json", "{\"type\":\"hangup\"}",
        "Authorization", "Bearer " + operatorToken).statusCode()).isEqualTo(202);
    assertThat(ScriptedCalls.awaitOperatorSignals(client, call, 1)).extracting(OperatorAction::operator)
        .containsExactly("Olivia Operator (" + ENTRA.user("olivia@ivr.test").oid() + ")");
  }

  @Test
  void operator_hangsUpACall_andTheAuditNamesThemByNameAndObjectId() throws Exception {
    String call = ScriptedCalls.start(client);
    EntraDirectory.User olivia = ENTRA.user("olivia@ivr.test");
    EntraBrowser browser = ENTRA.browser();
    browser.signIn(olivia);
    assertThat(EntraBrowser.json(browser.get("/api/me")).path("canAct").asBoolean()).isTrue();

    String[] csrf = browser.csrf();
    HttpResponse<String> hangup = browser.post("/api/calls/" + call + "/actions", "application/json",
        "{\"type\":\"hangup\",\"reason\":\"test\"}", csrf[0], csrf[1]);
    assertThat(hangup.statusCode()).as(hangup.body()).isEqualTo(202);
    String named = "Olivia Operator (" + olivia.oid() + ")";
    assertThat(EntraBrowser.json(hangup).path("operator").asText()).isEqualTo(named);

    List<OperatorAction> signals = ScriptedCalls.awaitOperatorSignals(client, call, 1);
    assertThat(signals).extracting(OperatorAction::operator).containsExactly(named);
    JsonNode snapshot = EntraBrowser.json(browser.get("/api/calls/" + call));
    assertThat(snapshot.path("outcome").asText()).isEqualTo("OPERATOR_HUNG_UP");
    assertThat(snapshot.path("audit").get(0).path("action").path("operator").asText()).isEqualTo(named);
  }

  @Test
  void groupMember_withoutAnAppRole_isAnOperator_throughTheConfiguredGroup() {
    EntraBrowser gus = ENTRA.browser();
    gus.signIn(ENTRA.user("gus@ivr.test"));
    JsonNode me = EntraBrowser.json(gus.get("/api/me"));
    assertThat(me.path("roles")).extracting(JsonNode::asText).containsExactly("operator");
  }

  @Test
  void signOut_endsTheSession_andEntrasToo_withTheIdTokenAsHint() {
    EntraDirectory.User vera = ENTRA.user("vera@ivr.test");
    EntraBrowser browser = ENTRA.browser();
    browser.signIn(vera);
    String[] csrf = browser.csrf();
    HttpResponse<String> withoutToken = browser.post("/logout", "application/x-www-form-urlencoded", "");
    assertThat(withoutToken.statusCode()).as("sign-out is a state change: CSRF token required").isEqualTo(403);
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);

    HttpResponse<String> out = browser.post("/logout", "application/x-www-form-urlencoded", "", csrf[0], csrf[1]);
    assertThat(out.statusCode()).isEqualTo(302);
    URI endSession = URI.create(out.headers().firstValue("Location").orElseThrow());
    assertThat(endSession.toString()).startsWith(ENTRA.emulator.entraAuthority() + "/"
        + ENTRA.emulator.config().tenantId() + "/oauth2/v2.0/logout?id_token_hint=");
    HttpResponse<String> back = browser.follow(out);
    assertThat(back.uri().getPath()).isEqualTo("/console/signed-out");
    assertThat(back.statusCode()).isEqualTo(200);
    assertThat(back.body()).contains("You are signed out");
    assertThat(ENTRA.emulator.signOuts()).contains(
        new EntraSignOut(vera.oid(), "http://127.0.0.1:" + ENTRA.apiPort + "/console/signed-out"));

    assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
    HttpResponse<String> console = browser.get("/console/");
    assertThat(console.statusCode()).as("sent to sign in again").isEqualTo(302);
    assertThat(console.headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/entra");
  }

  @Test
  void session_endsAtItsMaxAge_howeverBusy() throws Exception {
    EntraBrowser browser = ENTRA.browser();
    browser.signIn(ENTRA.user("vera@ivr.test"));
    long deadline = System.nanoTime() + 10_000_000_000L;
    int status = 200;
    // busy: a request every 200 ms, never idle
    while (status == 200 && System.nanoTime() < deadline) {
      status = browser.get("/api/me").statusCode();
      Thread.sleep(200);
    }
    assertThat(status).as("a session older than ivr.security.session.max-age (4 s)").isEqualTo(401);
  }

  @Test
  void graphsSide_andScrapes_neverGetASession() {
    EntraBrowser anonymous = ENTRA.browser();
    assertThat(anonymous.get("/prompts/en-US/goodbye.wav").statusCode()).isEqualTo(200);
    assertThat(anonymous.post("/callbacks/calling", "application/json", "{\"value\":[]}").statusCode()).isEqualTo(202);
    assertThat(anonymous.get("/actuator/prometheus").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/api/calls").statusCode()).isEqualTo(401);
    assertThat(anonymous.cookies()).isEmpty();
  }
}
