package dev.ivr.launcher.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivr.emulator.Callee;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.EntraDirectory;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.embedded.EmbeddedSystem;
import dev.ivr.launcher.browser.HeadlessChromium;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallResult;
import io.temporal.client.WorkflowNotFoundException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator console in a real headless Chromium against the whole embedded system (the Temporal
 * dev server, the Graph emulator, worker, api): operators sign in with Entra ID (the emulator's sign-in
 * form, the authorization-code flow with PKCE), calls appear and change live through SSE, the flow
 * diagram highlights where the call is, recordings play, an operator acts and the audit names them, a
 * viewer looks but cannot act, and signing out ends the session.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConsoleBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path recordings;
  private static EmbeddedSystem system;
  private static HeadlessChromium browser;
  private static String console;
  /** A script's bearer token (application permission IVR.Operator), for the REST calls around the page. */
  private static String scriptToken;

  @BeforeAll
  static void start() throws Exception {
    system = EmbeddedSystem.start(EmbeddedSystem.Options.defaults().withRecordingsDir(recordings)
        .withEmulatorTimeScale(2.0));
    console = system.endpoints().apiBaseUrl() + "/console/";
    scriptToken = system.scriptAccessToken();
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (system != null) {
        system.close();
      }
    }
  }

  @BeforeEach
  void blank() throws Exception {
    // every test signs in afresh: no session survives from the one before
    browser.navigate("about:blank");
    browser.clearCookies();
  }

  /**
   * Opens the console, is sent to Entra ID (the emulator), signs in on its form as the development
   * user of {@code role}, and waits until the console has loaded who is signed in.
   */
  private static void signIn(String role) throws Exception {
    EntraDirectory.User user = system.devUser(role);
    browser.navigate(console);
    browser.await("Entra's sign-in form", "document.querySelector('#username') && document.querySelector('#password')",
        WAIT);
    assertThat(browser.url()).startsWith(system.emulator().entraAuthority() + "/");
    browser.evaluate("document.querySelector('#username').value = " + JSON.writeValueAsString(user.username()) + ";"
        + " document.querySelector('#password').value = " + JSON.writeValueAsString(user.password()) + ";"
        + " document.querySelector('#sign-in').click(); true");
    browser.await("the console, signed in as " + user.displayName(),
        "window.consoleReady && document.querySelector('#who').textContent.startsWith("
            + JSON.writeValueAsString(user.displayName()) + ")", WAIT);
    assertThat(browser.url()).startsWith(console);
  }

  @Test
  void liveCall_showsItsFlowDiagramWithTheLiveNode_andItsTimelineAndOutcomeChangeLive() throws Exception {
    // the callee listens to the greeting, presses 1 (sales), then stays silent until the flow gives up
    String workflowId = outboundCall("main-menu", CallerScript.of(new CallerScript.WaitFor("promptFinished"),
        new CallerScript.Wait(1.0), new CallerScript.Press("1")));
    signIn("operator");
    browser.navigate(console + "#/calls/" + workflowId);

    browser.await("the flow diagram", "document.querySelectorAll('#diagram g.node').length >= 10", WAIT);
    assertThat(browser.evaluate("document.querySelectorAll('#diagram g.edge text').length").asInt())
        .as("labelled edges").isGreaterThan(3);
    int before = browser.evaluate("document.querySelectorAll('#timeline li').length").asInt();

    browser.await("the key press in the timeline, without reload",
        "[...document.querySelectorAll('#timeline li')].some(li => li.textContent.includes('Pressed 1 at menu menu'))",
        WAIT);
    assertThat(browser.evaluate("document.querySelectorAll('#timeline li').length").asInt()).isGreaterThan(before);
    browser.await("the live node highlighted", "document.querySelector('#diagram g.node.current')", WAIT);
    assertThat(browser.evaluate("document.querySelector('#diagram g.node.current').dataset.node").asText())
        .isIn("menu", "sales");
    assertThat(browser.evaluate("document.querySelector('#diagram g.node[data-node=menu]').classList.contains('visited')")
        .asBoolean()).isTrue();
    assertThat(browser.evaluate("document.body.innerText").asText()).doesNotContainPattern("\\+\\d{8,}");
    Path shot = Path.of("launcher/target/console.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, browser.screenshot());

    // silent in the sales menu: the flow says goodbye and hangs up; the page sees it without reload
    browser.await("the outcome", "document.querySelector('#call-outcome').textContent !== 'in progress'"
        + " && document.querySelector('#call-outcome').textContent !== ''", Duration.ofSeconds(90));
    assertThat(browser.evaluate("document.querySelector('#btn-hangup').disabled").asBoolean()).isTrue();
  }

  /** The operator: signed in with Entra ID, hangs up a live call, and the call's audit names them. */
  @Test
  void signedInOperator_seesALiveCallAppear_hangsItUp_andTheAuditNamesThem() throws Exception {
    signIn("operator");
    EntraDirectory.User olivia = system.devUser("operator");

    String workflowId = outboundCall("main-menu", CallerScript.silent());
    browser.await("the call in the list (it comes from the call index workflow, " + CallIds.CALL_INDEX_WORKFLOW_ID
        + ")", "document.querySelector('#calls tbody tr[data-id=\"" + workflowId + "\"]')", WAIT);
    browser.evaluate("document.querySelector('#calls tbody tr[data-id=\"" + workflowId + "\"]').click()");
    browser.await("the live node", "document.querySelector('#diagram g.node.current')", WAIT);
    browser.await("enabled actions", "!document.querySelector('#btn-hangup').disabled", WAIT);
    browser.evaluate("document.querySelector('#btn-hangup').click()");
    browser.await("the confirmation", "!document.querySelector('#confirm').hidden", WAIT);
    browser.evaluate("document.querySelector('#confirm-yes').click()");

    browser.await("the operator's hang-up as the outcome",
        "document.querySelector('#call-outcome').textContent === 'OPERATOR_HUNG_UP'", WAIT);
    browser.await("the list row's outcome", "document.querySelector('#calls tbody tr[data-id=\"" + workflowId
        + "\"] .outcome').textContent === 'OPERATOR_HUNG_UP'", WAIT);
    String named = olivia.displayName() + " (" + olivia.oid() + ")";
    browser.await("the audit naming the operator", "document.querySelector('#audit').innerText.includes("
        + JSON.writeValueAsString(named) + ")", WAIT);
    assertThat(browser.evaluate("document.querySelector('#audit').innerText").asText()).contains("hangup");
    // the call's own record, not only the page: the signal carried the person's name and object id
    JsonNode audit = callSnapshot(workflowId).get("audit");
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).path("action").path("operator").asText()).isEqualTo(named);
    assertThat(String.join(" ", timelineTexts(workflowId))).contains("Operator " + named + " hung up");
  }

  /**
   * Hang up asked on call A, then call B opened: opening B cancels the question, so a confirmation
   * that still reaches the page hangs up neither call; asked and confirmed on B, it hangs up B.
   */
  @Test
  void confirmationAskedOnOneCall_hangsUpNeitherWhenAnotherIsOpened_andTheCallItWasAskedOnWhenConfirmed()
      throws Exception {
    signIn("operator");
    String callA = outboundCall("main-menu", CallerScript.silent());
    String callB = outboundCall("main-menu", CallerScript.silent());
    openLive(callA);

    browser.evaluate("document.querySelector('#btn-hangup').click()");
    browser.await("the confirmation on call A", "!document.querySelector('#confirm').hidden", WAIT);
    openLive(callB);
    assertThat(browser.evaluate("document.querySelector('#confirm').hidden").asBoolean())
        .as("the confirmation asked on A, once B is open").isTrue();
    // an operator who still confirms (the button is hidden; click() reaches it all the same)
    browser.evaluate("document.querySelector('#confirm-yes').click()");

    browser.evaluate("document.querySelector('#btn-hangup').click()");
    browser.await("the confirmation on call B", "!document.querySelector('#confirm').hidden", WAIT);
    browser.evaluate("document.querySelector('#confirm-yes').click()");
    browser.await("B hung up by the operator",
        "document.querySelector('#call-outcome').textContent === 'OPERATOR_HUNG_UP'", WAIT);

    JsonNode b = callSnapshot(callB);
    assertThat(b.get("outcome").asText()).isEqualTo("OPERATOR_HUNG_UP");
    assertThat(b.get("audit")).as("operator actions on B: only the one confirmed on B").hasSize(1);
    JsonNode a = callSnapshot(callA);
    assertThat(a.get("audit")).as("operator actions on A").isEmpty();
    assertThat(a.get("outcome").asText()).as("A's outcome (null while live)").isNotEqualTo("OPERATOR_HUNG_UP");
  }

  @Test
  void finishedVoicemailCall_recordingLoadsInTheAudioElement() throws Exception {
    String callId = system.emulator().raiseIncomingCall(IncomingCallSpec.to(system.endpoints().callbackUri())
        .withScript(CallerScript.of(new CallerScript.WaitFor("beep"), new CallerScript.Wait(1.0),
            new CallerScript.Speak(3.0))));
    String workflowId = CallIds.workflowId(callId);
    CallResult result = awaitResult(workflowId);
    assertThat(result.recordings()).hasSize(1);

    signIn("viewer");
    browser.navigate(console + "#/calls/" + workflowId);
    browser.await("the recording's player", "document.querySelector('#recordings audio')", WAIT);
    double seconds = browser.evaluate("new Promise(done => {"
        + " const a = document.querySelector('#recordings audio');"
        + " if (a.readyState >= 1) { done(a.duration); return; }"
        + " a.addEventListener('loadedmetadata', () => done(a.duration));"
        + " a.addEventListener('error', () => done(-1)); a.load(); })").asDouble();
    assertThat(seconds).as("audio duration as the browser decoded it")
        .isCloseTo(result.recordings().get(0).durationMillis() / 1000.0, org.assertj.core.data.Offset.offset(0.2));
    browser.await("the timeline's recording entry",
        "(document.querySelector('#timeline')?.innerText || '').includes('Recorded')", WAIT);
    assertThat(browser.evaluate("document.querySelector('#call-outcome').textContent").asText()).isEqualTo("COMPLETED");
  }

  /** The viewer: signed in with Entra ID, looks at a live call but cannot act on it. */
  @Test
  void signedInViewer_looksAtALiveCall_butCannotAct() throws Exception {
    String workflowId = outboundCall("main-menu", CallerScript.silent());
    signIn("viewer");
    browser.navigate(console + "#/calls/" + workflowId);
    browser.await("the call", "document.querySelector('#call-flow').textContent.startsWith('main-menu')", WAIT);
    browser.await("who is looking", "document.querySelector('#who').textContent.includes('viewer')", WAIT);
    browser.await("the live node", "document.querySelector('#diagram g.node.current')", WAIT);

    assertThat(browser.evaluate("['#btn-hangup', '#btn-transfer', '#btn-announce']"
        + ".every(id => document.querySelector(id).disabled)").asBoolean()).isTrue();
    assertThat(browser.evaluate("document.querySelector('#actions-note').textContent").asText()).contains("viewer");
    // the page's own request, with the session's CSRF token: refused for the role, not for the token
    int status = browser.evaluate("fetch('/api/calls/" + workflowId + "/actions', {method: 'POST', headers:"
        + " {'Content-Type': 'application/json', [state.me.csrf.header]: state.me.csrf.token},"
        + " body: JSON.stringify({type: 'hangup'})}).then(r => r.status)").asInt();
    assertThat(status).isEqualTo(403);
    assertThat(callSnapshot(workflowId).get("audit")).as("operator actions on the call").isEmpty();
    // a script's hang-up afterwards is the call's only action: the viewer's never reached it
    hangUp(workflowId);
    HeadlessChromium.awaitCondition("the script's hang-up in the audit", () -> {
      try {
        return callSnapshot(workflowId).get("audit").size() > 0;
      } catch (Exception e) {
        return false;
      }
    }, WAIT);
    JsonNode audit = callSnapshot(workflowId).get("audit");
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).path("action").path("operator").asText()).startsWith("app ");
  }

  @Test
  void signOut_endsTheSessionHereAndAtEntra_andTheConsoleAsksToSignInAgain() throws Exception {
    signIn("viewer");
    browser.await("the sign-out button", "!document.querySelector('#sign-out').hidden", WAIT);
    browser.evaluate("document.querySelector('#btn-sign-out').click(); true");
    browser.await("the signed-out page", "location.pathname === '/console/signed-out'"
        + " && document.querySelector('#signed-out')", WAIT);
    assertThat(system.emulator().signOuts()).extracting(s -> s.oid()).contains(system.devUser("viewer").oid());
    int me = browser.evaluate("fetch('/api/me').then(r => r.status)").asInt();
    assertThat(me).as("the api's session is gone").isEqualTo(401);

    browser.evaluate("document.querySelector('#sign-in').click(); true");
    browser.await("Entra's sign-in form again", "document.querySelector('#username')", WAIT);
    assertThat(browser.url()).startsWith(system.emulator().entraAuthority() + "/");
  }

  /** Places an outbound call of {@code flow} through the api to an agent who behaves as {@code script}. */
  private static String outboundCall(String flow, CallerScript script) throws Exception {
    String agent = UUID.randomUUID().toString();
    system.emulator().registerCallee(agent, Callee.answering(script));
    HttpResponse<String> started = HttpClient.newHttpClient().send(operator("/api/calls")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"target\":{\"user\":\"" + agent + "\"},\"flow\":\"" + flow + "\",\"variables\":{}}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    return JSON.readTree(started.body()).get("workflowId").asText();
  }

  /** The call's snapshot as the api serves it to the console. */
  private static JsonNode callSnapshot(String workflowId) throws Exception {
    HttpResponse<String> snapshot = HttpClient.newHttpClient().send(operator("/api/calls/" + workflowId).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(snapshot.statusCode()).as(snapshot.body()).isEqualTo(200);
    return JSON.readTree(snapshot.body());
  }

  /** The call's timeline texts, as the console reads them. */
  private static List<String> timelineTexts(String workflowId) throws Exception {
    HttpResponse<String> timeline = HttpClient.newHttpClient().send(operator("/api/calls/" + workflowId + "/timeline")
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(timeline.statusCode()).as(timeline.body()).isEqualTo(200);
    List<String> texts = new java.util.ArrayList<>();
    JSON.readTree(timeline.body()).path("entries").forEach(e -> texts.add(e.path("text").asText()));
    return texts;
  }

  /** Ends a call a test left live (a script hangs it up over REST), so it does not outlive the test. */
  private static void hangUp(String workflowId) throws Exception {
    HttpClient.newHttpClient().send(operator("/api/calls/" + workflowId + "/actions")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"hangup\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request of a script: the bearer token it got with the client-credentials grant. */
  private static HttpRequest.Builder operator(String path) {
    return HttpRequest.newBuilder(URI.create(system.endpoints().apiBaseUrl() + path))
        .header("Authorization", "Bearer " + scriptToken);
  }

  /**
   * Opens a call from the list, as an operator clicks it, and waits until it is connected (an
   * operator's hang-up before that is rejected) and its actions are usable.
   */
  private static void openLive(String workflowId) throws Exception {
    String row = "document.querySelector('#calls tbody tr[data-id=\"" + workflowId + "\"]')";
    browser.await("call " + workflowId + " in the list", row, WAIT);
    browser.evaluate(row + ".click()");
    // shown from its own snapshot, not the previous call's
    browser.await("call " + workflowId + " open and live", "state.snapshot?.workflowId === '" + workflowId + "'"
        + " && document.querySelector('#call-state').textContent === 'established'"
        + " && document.querySelector('#call-outcome').textContent === 'in progress'"
        + " && !document.querySelector('#btn-hangup').disabled", WAIT);
  }

  private static CallResult awaitResult(String workflowId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (true) {
      try {
        return system.client().newUntypedWorkflowStub(workflowId).getResult(90, TimeUnit.SECONDS, CallResult.class);
      } catch (WorkflowNotFoundException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(100);
      }
    }
  }
}
