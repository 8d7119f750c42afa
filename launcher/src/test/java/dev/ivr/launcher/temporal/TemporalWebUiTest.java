package dev.ivr.embedded.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.launcher.DemoCall;
import dev.ivr.embedded.EmbeddedSystem;
import dev.ivr.launcher.browser.HeadlessChromium;
import dev.ivr.workflows.call.CallIds;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Temporal Web UI that ships with the dev server (UI 2.42.1), in Debian's headless Chromium, shows
 * operators what the project promises: the workflow list filtered by a call search attribute, and on a
 * call's page its search attributes, its static summary and details, its live current details, and a
 * history whose activities say what the call did, all decoded through the api's codec server for the
 * signed-in operator (the payloads are encrypted). Screenshots go to {@code launcher/target/} (the
 * README's {@code docs/temporal-web-ui*.png} are copies).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TemporalWebUiTest {
  private static final Duration PAGE = Duration.ofSeconds(30);

  @TempDir static Path work;
  private static EmbeddedSystem system;
  private static HeadlessChromium browser;

  @BeforeAll
  static void start() throws Exception {
    system = EmbeddedSystem.start(EmbeddedSystem.Options.defaults()
        .withRecordingsDir(work.resolve("recordings"))
        .withApiArguments(WaitingCallFlows.apiArguments(work))
        .withTemporal(TemporalChoice.devServer()));
    browser = HeadlessChromium.start();
    // the payloads (summaries, details, inputs) are encrypted: the operator signs in for the codec server
    WebUiCodec.signIn(browser, system, "operator", PAGE);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (system != null) {
      system.close();
    }
  }

  @Test
  void theWorkflowListFilteredByFlowId_andACallsPage_showWhatOperatorsNeed() throws Exception {
    String ui = system.endpoints().webUiUrl();
    assertThat(ui).as("the dev server's Web UI").isNotNull();
    // a caller who waits in the main menu, and a voicemail call that finishes meanwhile
    String menuCall = system.emulator().raiseIncomingCall(IncomingCallSpec.to(system.endpoints().callbackUri())
        .withTarget(WaitingCallFlows.MENU_TARGET).withScript(CallerScript.of(new CallerScript.Wait(600))));
    String voicemailCall = DemoCall.place(system.emulator(), system.client(), system.endpoints().callbackUri(),
        Duration.ofSeconds(90)).callId();
    String menu = CallIds.workflowId(menuCall);
    String voicemail = CallIds.workflowId(voicemailCall);
    HeadlessChromium.awaitCondition("the menu call to reach its menu", () -> "menu".equals(currentNode(menu)),
        Duration.ofSeconds(30));

    // the list, filtered as an operator types it: only the main-menu call
    browser.navigate(ui + "/namespaces/default/workflows?query="
        + URLEncoder.encode("FlowId = \"main-menu\"", StandardCharsets.UTF_8));
    browser.await("the main-menu call in the filtered list", text(menu), PAGE);
    assertThat(bodyText()).contains("Running").doesNotContain(voicemail);
    Files.write(Path.of("launcher/target/temporal-web-ui-list.png"), browser.screenshot());

    // the call's page: history with activity summaries, the live call's current details
    browser.navigate(ui + "/namespaces/default/workflows/" + menu);
    browser.await("the history of " + menu, text("Workflow Execution Started"), PAGE);
    browser.await("the activities' summaries in the history", text("answer call"), PAGE);
    assertThat(bodyText()).contains("play main-menu-greeting");
    Files.write(Path.of("launcher/target/temporal-web-ui-call.png"), browser.screenshot());

    clickTab("User Metadata");
    browser.await("the User Metadata tab", text("Current Details"), PAGE);
    browser.await("the static summary", text("incoming call · main-menu"), PAGE);
    browser.await("the current details, live from the running call", text("State established"), PAGE);
    // each summary is decoded by its own request to the codec server: wait for the last ones
    browser.await("the events' summaries, decoded", text("answer call") + " && " + text("subscribe to tones"), PAGE);
    String metadata = bodyText();
    assertThat(metadata).contains("incoming call · main-menu")
        .contains(menuCall).contains("Direction incoming") // the static details
        .contains("Node menu (menu) · State established").contains("Last steps") // the current details
        .contains("answer call").contains("subscribe to tones"); // events with metadata
    Files.write(Path.of("launcher/target/temporal-web-ui-metadata.png"), browser.screenshot());

    clickTab("Search Attributes");
    browser.await("the call's search attributes", text("CurrentNode"), PAGE);
    assertThat(bodyText()).contains("\"CallState\": \"established\"").contains("\"FlowId\": \"main-menu\"")
        .contains("\"CurrentNode\": \"menu\"").contains("\"CallId\": \"" + menuCall + "\"")
        .doesNotContain("+1");

    system.emulator().hangUp(menuCall);
    DemoCall.awaitResult(system.client(), menuCall, Duration.ofSeconds(60));
  }

  private static String currentNode(String workflowId) {
    try {
      return system.client().newUntypedWorkflowStub(workflowId).describe().getTypedSearchAttributes()
          .get(dev.ivr.workflows.visibility.CallSearchAttributes.CURRENT_NODE);
    } catch (io.temporal.client.WorkflowNotFoundException notStartedYet) {
      return null;
    }
  }

  /**
   * The page's text, with that of its same-origin frames: the UI renders summaries and details (markdown)
   * in iframes of its own {@code /render} page.
   */
  private static final String PAGE_TEXT = "(document.body ? document.body.innerText : '') + '\\n' + [...document"
      + ".querySelectorAll('iframe')].map(f => f.contentDocument && f.contentDocument.body"
      + " ? f.contentDocument.body.innerText : '').join('\\n')";

  private static String text(String fragment) {
    return "(" + PAGE_TEXT + ").includes(" + jsString(fragment) + ")";
  }

  private static String bodyText() throws Exception {
    return browser.evaluate(PAGE_TEXT).asText();
  }

  private static void clickTab(String label) throws Exception {
    browser.await("the tab " + label, "[...document.querySelectorAll('a,button')].some(e => e.innerText.trim()"
        + ".startsWith(" + jsString(label) + "))", PAGE);
    browser.evaluate("[...document.querySelectorAll('a,button')].find(e => e.innerText.trim().startsWith("
        + jsString(label) + ")).click()");
  }

  private static String jsString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
