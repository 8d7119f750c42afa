package dev.ivr.emulator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.EntraDirectory;
import dev.ivr.emulator.EntraSignOut;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphEmulatorExtension;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.JournalEntry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Operator sign-in against the emulator's Entra ID, over plain HTTP as a browser and a relying party
 * would do it: the authorization-code flow with PKCE, state and nonce; the ID token's claims and
 * signature; every refusal (unregistered redirect URI, unknown app, no PKCE, wrong verifier, reused
 * code, wrong password); app-only tokens for scripts; end-session; nothing secret in the journal.
 */
class EntraSignInTest {

  static final String REDIRECT = "http://127.0.0.1:18080/login/oauth2/code/entra";
  static final String SIGNED_OUT = "http://127.0.0.1:18080/console/signed-out";
  static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-0123456789";

  @RegisterExtension
  static GraphEmulatorExtension graph = new GraphEmulatorExtension(EmulatorConfig.defaults()
      .withDirectory(EntraDirectory.development().withRedirectUris(List.of(REDIRECT, SIGNED_OUT))));

  @Test
  void openIdConfiguration_namesTheTenantsEndpointsAtTheEmulator_andItsIssuer() {
    GraphEmulator emulator = graph.emulator();
    String tenant = emulator.config().tenantId();
    JsonNode doc = GraphHttp.json(new GraphHttp(emulator)
        .admin("GET", "/" + tenant + "/v2.0/.well-known/openid-configuration", null).body());
    String base = emulator.entraAuthority() + "/" + tenant;
    assertThat(doc.get("issuer").asText()).isEqualTo(base + "/v2.0");
    assertThat(doc.get("authorization_endpoint").asText()).isEqualTo(base + "/oauth2/v2.0/authorize");
    assertThat(doc.get("token_endpoint").asText()).isEqualTo(base + "/oauth2/v2.0/token");
    assertThat(doc.get("jwks_uri").asText()).isEqualTo(base + "/discovery/v2.0/keys");
    assertThat(doc.get("end_session_endpoint").asText()).isEqualTo(base + "/oauth2/v2.0/logout");
    assertThat(new GraphHttp(emulator).admin("GET", "/" + UUID.randomUUID() + "/v2.0/.well-known/openid-configuration",
        null).statusCode()).isEqualTo(400);
  }

  @Test
  void signIn_withPkce_givesACodeOnce_forAnIdTokenWithTheUsersRolesAndTheNonce() throws Exception {
    GraphEmulator emulator = graph.emulator();
    EntraDirectory.User olivia = emulator.directory().user("olivia@ivr.test").orElseThrow();
    Map<String, String> back = signIn(olivia, "state-1", "nonce-1");
    assertThat(back).containsEntry("state", "state-1").containsKey("code");

    HttpResponse<String> tokens = redeem(back.get("code"), VERIFIER, REDIRECT);
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    JsonNode body = GraphHttp.json(tokens.body());
    SignedJWT id = SignedJWT.parse(body.get("id_token").asText());
    RSAKey key = (RSAKey) JWKSet.parse(new GraphHttp(emulator).admin("GET", "/" + emulator.config().tenantId()
        + "/discovery/v2.0/keys", null).body()).getKeyByKeyId(id.getHeader().getKeyID());
    assertThat(id.verify(new RSASSAVerifier(key))).as("signed with a published key").isTrue();
    JWTClaimsSet claims = id.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(emulator.entraAuthority() + "/" + emulator.config().tenantId() + "/v2.0");
    assertThat(claims.getAudience()).containsExactly(emulator.directory().app().clientId());
    assertThat(claims.getStringClaim("nonce")).isEqualTo("nonce-1");
    assertThat(claims.getStringClaim("oid")).isEqualTo(olivia.oid());
    assertThat(claims.getStringClaim("name")).isEqualTo("Olivia Operator");
    assertThat(claims.getStringClaim("tid")).isEqualTo(emulator.config().tenantId());
    assertThat(claims.getStringListClaim("roles")).containsExactly(EntraDirectory.OPERATOR_ROLE);
    assertThat(claims.getExpirationTime()).isInTheFuture();

    HttpResponse<String> again = redeem(back.get("code"), VERIFIER, REDIRECT);
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(GraphHttp.json(again.body()).get("error_codes").get(0).asInt()).isEqualTo(54005);
  }

  @Test
  void groupMember_getsTheGroupsClaim_andAUserWithoutRole_noRolesClaim() throws Exception {
    GraphEmulator emulator = graph.emulator();
    JWTClaimsSet gus = idToken(emulator.directory().user("gus@ivr.test").orElseThrow());
    assertThat(gus.getStringListClaim("groups")).containsExactly(EntraDirectory.OPERATORS_GROUP);
    assertThat(gus.getClaim("roles")).isNull();
    JWTClaimsSet nora = idToken(emulator.directory().user("nora@ivr.test").orElseThrow());
    assertThat(nora.getClaim("roles")).isNull();
    assertThat(nora.getClaim("groups")).isNull();
  }

  @Test
  void unregisteredRedirectUri_getsAnErrorPage_andIsNeverRedirectedTo() {
    HttpResponse<String> page = authorize(REDIRECT.replace("18080", "18081"), challenge(VERIFIER), "S256", "s");
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.headers().firstValue("Location")).isEmpty();
    assertThat(page.body()).contains("AADSTS50011").doesNotContain("name=\"password\"");

    HttpResponse<String> lookalike = authorize(REDIRECT + "/../evil", challenge(VERIFIER), "S256", "s");
    assertThat(lookalike.statusCode()).isEqualTo(400);
    assertThat(lookalike.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void unknownApp_getsAnErrorPage() {
    GraphEmulator emulator = graph.emulator();
    HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(emulator.entraAuthority() + "/"
        + emulator.config().tenantId() + "/oauth2/v2.0/authorize?response_type=code&client_id=" + UUID.randomUUID()
        + "&redirect_uri=" + enc(REDIRECT) + "&scope=openid&code_challenge=x&code_challenge_method=S256")).GET().build());
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("AADSTS700016");
    assertThat(page.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void noPkce_goesBackWithAnError_andNoSignInForm() {
    HttpResponse<String> missing = authorize(REDIRECT, null, null, "s-1");
    assertThat(missing.statusCode()).isEqualTo(302);
    assertThat(missing.headers().firstValue("Location").orElseThrow())
        .startsWith(REDIRECT + "?error=invalid_request").contains("state=s-1").doesNotContain("code=");
    HttpResponse<String> plain = authorize(REDIRECT, VERIFIER, "plain", "s-2");
    assertThat(plain.headers().firstValue("Location").orElseThrow()).contains("error=invalid_request");
  }

  @Test
  void wrongVerifier_orRedirectUri_atTheTokenEndpoint_isInvalidGrant() {
    EntraDirectory.User vera = graph.emulator().directory().user("vera@ivr.test").orElseThrow();
    HttpResponse<String> wrongVerifier = redeem(signIn(vera, "s", "n").get("code"), VERIFIER.replace('d', 'e'), REDIRECT);
    assertThat(wrongVerifier.statusCode()).isEqualTo(400);
    assertThat(GraphHttp.json(wrongVerifier.body()).get("error_codes").get(0).asInt()).isEqualTo(501481);
    HttpResponse<String> otherRedirect = redeem(signIn(vera, "s", "n").get("code"), VERIFIER, SIGNED_OUT);
    assertThat(otherRedirect.statusCode()).isEqualTo(400);
    assertThat(GraphHttp.json(otherRedirect.body()).get("error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void wrongPassword_showsTheFormAgain_withoutACode() {
    EntraDirectory.User vera = graph.emulator().directory().user("vera@ivr.test").orElseThrow();
    HttpResponse<String> form = authorize(REDIRECT, challenge(VERIFIER), "S256", "s");
    HttpResponse<String> wrong = login(hidden(form.body()), vera.username(), vera.password() + "x");
    assertThat(wrong.statusCode()).isEqualTo(200);
    assertThat(wrong.headers().firstValue("Location")).isEmpty();
    assertThat(wrong.body()).contains("AADSTS50126").doesNotContain(vera.password());
  }

  @Test
  void scriptClient_getsAnAppOnlyTokenForTheApp_withItsApplicationPermissions() throws Exception {
    GraphEmulator emulator = graph.emulator();
    EntraDirectory.Client scripts = emulator.directory().clients().get(0);
    HttpResponse<String> r = new GraphHttp(emulator).form(emulator.tokenEndpoint(), "grant_type=client_credentials"
        + "&client_id=" + scripts.clientId() + "&client_secret=" + enc(scripts.clientSecret())
        + "&scope=" + enc(emulator.directory().app().appIdUri() + "/.default"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JWTClaimsSet claims = SignedJWT.parse(GraphHttp.json(r.body()).get("access_token").asText()).getJWTClaimsSet();
    assertThat(claims.getAudience()).containsExactly(emulator.directory().app().clientId());
    assertThat(claims.getStringListClaim("roles")).containsExactly(EntraDirectory.OPERATOR_ROLE);
    assertThat(claims.getStringClaim("azp")).isEqualTo(scripts.clientId());
    assertThat(claims.getStringClaim("idtyp")).isEqualTo("app");

    HttpResponse<String> badSecret = new GraphHttp(emulator).form(emulator.tokenEndpoint(), "grant_type=client_credentials"
        + "&client_id=" + scripts.clientId() + "&client_secret=nope&scope=" + enc(emulator.directory().app().appIdUri()
        + "/.default"));
    assertThat(badSecret.statusCode()).isEqualTo(401);
  }

  @Test
  void endSession_returnsOnlyToARegisteredUri_andRecordsWhoSignedOut() throws Exception {
    GraphEmulator emulator = graph.emulator();
    EntraDirectory.User vera = emulator.directory().user("vera@ivr.test").orElseThrow();
    String idToken = GraphHttp.json(redeem(signIn(vera, "s", "n").get("code"), VERIFIER, REDIRECT).body())
        .get("id_token").asText();
    String logout = emulator.entraAuthority() + "/" + emulator.config().tenantId() + "/oauth2/v2.0/logout";

    HttpResponse<String> out = send(HttpRequest.newBuilder(URI.create(logout + "?id_token_hint=" + idToken
        + "&post_logout_redirect_uri=" + enc(SIGNED_OUT))).GET().build());
    assertThat(out.statusCode()).isEqualTo(302);
    assertThat(out.headers().firstValue("Location")).hasValue(SIGNED_OUT);
    assertThat(emulator.signOuts()).contains(new EntraSignOut(vera.oid(), SIGNED_OUT));

    HttpResponse<String> elsewhere = send(HttpRequest.newBuilder(URI.create(logout
        + "?post_logout_redirect_uri=" + enc("https://evil.example/"))).GET().build());
    assertThat(elsewhere.statusCode()).isEqualTo(400);
    assertThat(elsewhere.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void journal_neverHoldsPasswordsCodesOrVerifiers() {
    GraphEmulator emulator = graph.emulator();
    EntraDirectory.User vera = emulator.directory().user("vera@ivr.test").orElseThrow();
    String code = signIn(vera, "s", "n").get("code");
    redeem(code, VERIFIER, REDIRECT);
    String journal = emulator.journal().stream().map(JournalEntry::toString).collect(Collectors.joining("\n"));
    assertThat(journal).contains("/oauth2/v2.0/token", "/login")
        .doesNotContain(vera.password(), code, VERIFIER, emulator.directory().app().clientSecret());
  }

  // --- a browser and a relying party, by hand

  private JWTClaimsSet idToken(EntraDirectory.User user) throws Exception {
    String code = signIn(user, "s", "n").get("code");
    return SignedJWT.parse(GraphHttp.json(redeem(code, VERIFIER, REDIRECT).body()).get("id_token").asText())
        .getJWTClaimsSet();
  }

  /** Authorize, sign in on the form, and return the parameters the browser is sent back with. */
  private Map<String, String> signIn(EntraDirectory.User user, String state, String nonce) {
    HttpResponse<String> form = authorize(REDIRECT, challenge(VERIFIER), "S256", state, "&nonce=" + nonce);
    assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
    HttpResponse<String> back = login(hidden(form.body()), user.username(), user.password());
    assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
    String location = back.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(REDIRECT + "?");
    return java.util.Arrays.stream(URI.create(location).getRawQuery().split("&"))
        .map(p -> p.split("=", 2))
        .collect(Collectors.toMap(p -> p[0], p -> java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> authorize(String redirectUri, String challenge, String method, String state,
      String... extra) {
    GraphEmulator emulator = graph.emulator();
    String url = emulator.entraAuthority() + "/" + emulator.config().tenantId() + "/oauth2/v2.0/authorize"
        + "?response_type=code&client_id=" + emulator.directory().app().clientId() + "&redirect_uri=" + enc(redirectUri)
        + "&scope=" + enc("openid profile") + "&state=" + state
        + (challenge == null ? "" : "&code_challenge=" + challenge)
        + (method == null ? "" : "&code_challenge_method=" + method) + String.join("", extra);
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  private HttpResponse<String> login(String request, String username, String password) {
    GraphEmulator emulator = graph.emulator();
    return new GraphHttp(emulator).form(emulator.entraAuthority() + "/" + emulator.config().tenantId() + "/login",
        "request=" + enc(request) + "&username=" + enc(username) + "&password=" + enc(password));
  }

  private HttpResponse<String> redeem(String code, String verifier, String redirectUri) {
    GraphEmulator emulator = graph.emulator();
    EntraDirectory.App app = emulator.directory().app();
    return new GraphHttp(emulator).form(emulator.tokenEndpoint(), "grant_type=authorization_code&code=" + enc(code)
        + "&redirect_uri=" + enc(redirectUri) + "&code_verifier=" + enc(verifier) + "&client_id=" + app.clientId()
        + "&client_secret=" + enc(app.clientSecret()));
  }

  private HttpResponse<String> send(HttpRequest request) {
    return new GraphHttp(graph.emulator()).send(request);
  }

  private static String hidden(String html) {
    Matcher m = Pattern.compile("name=\"request\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("the sign-in form: " + html).isTrue();
    return m.group(1);
  }

  static String challenge(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
