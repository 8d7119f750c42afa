package dev.ivr.launcher.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivr.emulator.Callee;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.launcher.EmbeddedSystem;
import dev.ivr.launcher.browser.HeadlessChromium;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallResult;
import io.temporal.client.WorkflowNotFoundException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
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
 * The operator console in a real headless Chromium against the whole embedded system (port-bound
 * Temporal test server, Graph emulator, worker, api): calls appear and change live through SSE, the
 * flow diagram highlights where the call is, recordings play, operators act and viewers cannot.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ConsoleBrowserTest {
  private static final String VIEWER = "console-viewer";
  private static final String VIEWER_PASSWORD = UUID.randomUUID().toString();
  private static final List<String> PROPERTIES = List.of("ivr.security.users." + VIEWER + ".password",
      "ivr.security.users." + VIEWER + ".roles", "ivr.recordings.dir");
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path recordings;
  private static EmbeddedSystem system;
  private static HeadlessChromium browser;
  private static String console;

  @BeforeAll
  static void start() throws Exception {
    // the embedded api reads these beside its own arguments: a viewer, and the worker's recordings
    System.setProperty(PROPERTIES.get(0), "{noop}" + VIEWER_PASSWORD);
    System.setProperty(PROPERTIES.get(1), "viewer");
    System.setProperty(PROPERTIES.get(2), recordings.toString());
    system = EmbeddedSystem.start(EmbeddedSystem.Options.defaults().withRecordingsDir(recordings)
        .withEmulatorTimeScale(2.0));
    console = system.endpoints().apiBaseUrl() + "/console/";
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
      PROPERTIES.forEach(System::clearProperty);
    }
  }

  @BeforeEach
  void blank() throws Exception {
    browser.navigate("about:blank");
  }

  @Test
  void liveCall_showsItsFlowDiagramWithTheLiveNode_andItsTimelineAndOutcomeChangeLive() throws Exception {
    // the callee listens to the greeting, presses 1 (sales), then stays silent until the flow gives up
    String workflowId = outboundCall("main-menu", CallerScript.of(new CallerScript.WaitFor("promptFinished"),
        new CallerScript.Wait(1.0), new CallerScript.Press("1")));
    browser.basicAuth(system.operatorCredentials());
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

  /** Needs the call index and operator actions of the workflow side (issue 7, helper A). */
  @Test
  void liveCall_appearsInTheListWithoutReload_andAnOperatorHangsItUp() throws Exception {
    browser.basicAuth(system.operatorCredentials());
    browser.navigate(console);
    browser.await("the console", "window.consoleReady", WAIT);

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
    assertThat(browser.evaluate("document.querySelector('#audit').innerText").asText()).contains("operator", "hangup");
  }

  /**
   * Hang up asked on call A, then call B opened: opening B cancels the question, so a confirmation
   * that still reaches the page hangs up neither call; asked and confirmed on B, it hangs up B.
   */
  @Test
  void confirmationAskedOnOneCall_hangsUpNeitherWhenAnotherIsOpened_andTheCallItWasAskedOnWhenConfirmed()
      throws Exception {
    browser.basicAuth(system.operatorCredentials());
    browser.navigate(console);
    browser.await("the console", "window.consoleReady", WAIT);
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

    browser.basicAuth(system.operatorCredentials());
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

  @Test
  void viewer_hasNoUsableActions_andTheirPostIs403() throws Exception {
    String workflowId = outboundCall("main-menu", CallerScript.silent());
    browser.basicAuth(VIEWER + ":" + VIEWER_PASSWORD);
    browser.navigate(console + "#/calls/" + workflowId);
    browser.await("the call", "document.querySelector('#call-flow').textContent.startsWith('main-menu')", WAIT);
    browser.await("who is looking", "document.querySelector('#who').textContent.includes('viewer')", WAIT);

    assertThat(browser.evaluate("['#btn-hangup', '#btn-transfer', '#btn-announce']"
        + ".every(id => document.querySelector(id).disabled)").asBoolean()).isTrue();
    assertThat(browser.evaluate("document.querySelector('#actions-note').textContent").asText()).contains("viewer");
    int status = browser.evaluate("fetch('/api/calls/" + workflowId + "/actions', {method: 'POST',"
        + " headers: {'Content-Type': 'application/json'}, body: JSON.stringify({type: 'hangup'})}).then(r => r.status)")
        .asInt();
    assertThat(status).isEqualTo(403);
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

  private static HttpRequest.Builder operator(String path) {
    return HttpRequest.newBuilder(URI.create(system.endpoints().apiBaseUrl() + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            system.operatorCredentials().getBytes(StandardCharsets.UTF_8)));
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
