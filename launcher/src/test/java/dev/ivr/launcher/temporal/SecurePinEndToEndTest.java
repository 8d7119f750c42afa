package dev.ivr.launcher.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ivr.codec.PayloadKeys;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.launcher.DemoCall;
import dev.ivr.launcher.EmbeddedSystem;
import dev.ivr.launcher.browser.HeadlessChromium;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.CallWorkflow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 16, end to end on the dev server with payload encryption on: a scripted caller types a PIN at a
 * {@code collectDigits} node with {@code secure: true}; CEL checks it and an http node sends it to a
 * bank the test runs. The PIN (and the caller's phone number) is then looked for everywhere a person
 * could read it: the history as {@code temporal workflow show -o json} exports it, every log line of
 * the worker and the api (DEBUG), every query answer, every answer of the console's REST, and the
 * Temporal Web UI's page of the call, seen by an authorised viewer (payloads decoded through the api's
 * codec server) and by a stranger (ciphertext). It is found nowhere; the bank got it.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SecurePinEndToEndTest {
  static final String PIN = "864213";
  static final String CALLER_PHONE = "+14255550143";
  static final String VIEWER = "val";
  static final String VIEWER_PASSWORD = "viewer-" + Long.toHexString(System.nanoTime());
  private static final Duration PAGE = Duration.ofSeconds(45);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** {@code binary/encrypted} as the Web UI prints an undecoded payload's metadata: base64. */
  private static final String ENCRYPTED_BASE64 = "YmluYXJ5L2VuY3J5cHRlZA==";

  @TempDir static Path work;
  private static EmbeddedSystem system;
  private static HttpServer bank;
  private static final List<String> bankBodies = new CopyOnWriteArrayList<>();
  private static final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private static Level previousLevel;
  private static String callId;
  private static String workflowId;
  private static CallResult result;

  @BeforeAll
  static void placeTheCall() throws Exception {
    bank = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    bank.createContext("/pins", exchange -> {
      bankBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] ok = "{\"verified\":true}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, ok.length);
      exchange.getResponseBody().write(ok);
      exchange.close();
    });
    bank.start();
    Path flows = work.resolve("flows");
    Files.createDirectories(flows.resolve("pin-check"));
    Files.writeString(flows.resolve("pin-check/flow.yaml"), """
        id: pin-check
        variables: {pin: "", verified: false, bank: ""}
        start: ask
        nodes:
          ask:
            type: collectDigits
            prompt: enter-account
            variable: pin
            secure: true
            minDigits: 6
            maxDigits: 6
            terminator: "#"
            firstDigitTimeoutSeconds: 10
            next: check
            onError: bye
          check:
            type: branch
            conditions:
              - {when: "size(pin) == 6", next: verify}
            otherwise: bye
          verify:
            type: http
            method: POST
            url: bank + "/pins"
            body: "{'pin': pin}"
            timeoutSeconds: 10
            responseMapping: {verified: "response.body.verified"}
            next: thanks
            onError: bye
          thanks: {type: play, prompts: [account-found], next: bye}
          bye: {type: play, prompts: [goodbye], next: end}
          end: {type: hangup}
        """);
    Files.writeString(flows.resolve("routing.yaml"), "default: pin-check\nroutes:\n  - {identity: \"pin-line\","
        + " flow: pin-check, variables: {bank: \"http://127.0.0.1:" + bank.getAddress().getPort() + "\"}}\n");
    Path keys = work.resolve("payload-keys");
    Files.writeString(keys, PayloadKeys.generateEntry("e2e-1") + "\n");
    system = EmbeddedSystem.start(EmbeddedSystem.Options.defaults()
        .withRecordingsDir(work.resolve("recordings"))
        .withPayloadKeys(PayloadKeys.of(null, keys.toString()))
        .withApiArguments(List.of("--ivr.flows.dir=" + flows, "--ivr.flows.routing=" + flows.resolve("routing.yaml"),
            "--ivr.prompts.dir=" + Path.of("flows/prompts").toAbsolutePath(),
            "--ivr.security.users." + VIEWER + ".password={noop}" + VIEWER_PASSWORD,
            "--ivr.security.users." + VIEWER + ".roles=viewer")));
    // after the api started (Spring Boot reconfigures logback): every line of this JVM, ours at DEBUG
    Logger ours = (Logger) LoggerFactory.getLogger("dev.ivr");
    previousLevel = ours.getLevel();
    ours.setLevel(Level.DEBUG);
    captured.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    captured.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(captured);

    callId = system.emulator().raiseIncomingCall(IncomingCallSpec.to(system.endpoints().callbackUri())
        .withTarget("pin-line").withCallerPhone(CALLER_PHONE)
        .withScript(CallerScript.of(new CallerScript.WaitFor("promptStarted"), new CallerScript.Wait(1.0),
            new CallerScript.Press(PIN + "#", 0.1))));
    workflowId = CallIds.workflowId(callId);
    result = DemoCall.awaitResult(system.client(), callId, Duration.ofSeconds(90));
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(captured);
    ((Logger) LoggerFactory.getLogger("dev.ivr")).setLevel(previousLevel);
    if (system != null) {
      system.close();
    }
    if (bank != null) {
      bank.stop(0);
    }
  }

  @Test
  void thePin_isCheckedByCelAndSentByHttp() {
    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(result.path()).extracting(step -> step.nodeId() + "=" + step.outcome())
        .containsSubsequence("ask=collected", "check=when:0", "verify=status:200", "thanks=completed");
    assertThat(bankBodies).hasSize(1);
    assertThat(bankBodies.get(0)).contains(PIN);
    assertThat(result.variables()).containsEntry("pin", "***").containsEntry("verified", true);
  }

  @Test
  void thePin_isNotInTheExportedHistory_norIsThePhoneNumber() throws Exception {
    String json = exportWithTheCli();
    assertThat(json).contains("EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED");
    assertNowhere("the history exported by temporal workflow show -o json", readable(json));
    // the encrypted payloads name the key they need
    assertThat(readable(json)).contains("e2e-1").contains("binary/encrypted");
  }

  @Test
  void thePin_isNotInAnyLogLine() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : captured.list) {
      lines.add(event.getFormattedMessage()
          + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())));
    }
    assertThat(lines).as("log lines captured").isNotEmpty();
    assertNowhere("the logs of the worker and the api (" + lines.size() + " lines)", String.join("\n", lines));
  }

  @Test
  void thePin_isNotInAnyQueryAnswer() throws Exception {
    CallWorkflow call = system.client().newWorkflowStub(CallWorkflow.class, workflowId);
    String answers = JSON.writeValueAsString(List.of(call.snapshot(), call.variables(), call.path(),
        call.recordings(), call.audit(), call.callState()));
    assertThat(answers).contains("\"pin\":\"***\"");
    assertNowhere("the query answers", answers);
  }

  @Test
  void thePin_isNotInTheConsolesRestAnswers() throws Exception {
    StringBuilder answers = new StringBuilder();
    for (String path : List.of("/api/calls/" + workflowId, "/api/calls/" + workflowId + "/timeline",
        "/api/calls?limit=50", "/api/calls/" + callId)) {
      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(system.endpoints().apiBaseUrl() + path))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              (VIEWER + ":" + VIEWER_PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(path).isEqualTo(200);
      answers.append(answer.body()).append('\n');
    }
    assertThat(answers).contains("Digits collected at ask");
    assertNowhere("the console's REST answers", answers.toString());
  }

  @Test
  void theWebUi_decodesForAnAuthorisedViewer_showsCiphertextToAnyoneElse_andNeverThePin() throws Exception {
    String ui = system.endpoints().webUiUrl();
    String page = ui + "/namespaces/default/workflows/" + workflowId;
    // the input's callbackUri is in no search attribute, summary or detail: only in the encrypted input
    String decodedOnly = "callbacks/calling";

    try (HeadlessChromium stranger = HeadlessChromium.start()) {
      stranger.navigate(page);
      stranger.await("the call's page", text("Run ID"), PAGE);
      // the input as it is stored: encoding binary/encrypted (base64 in the UI), the key id, ciphertext;
      // the UI says "Codec Server could not connect" (the codec server answered 401)
      stranger.await("the input, undecoded", text(ENCRYPTED_BASE64), PAGE);
      stranger.await("the UI's codec warning", text("Codec Server could not connect"), PAGE);
      String seen = pageText(stranger);
      Files.writeString(Path.of("launcher/target/web-ui-codec-stranger.txt"), seen);
      Files.write(Path.of("launcher/target/web-ui-codec-stranger.png"), stranger.screenshot());
      assertThat(seen).doesNotContain(decodedOnly);
      assertNowhere("the Web UI page a stranger sees", seen);
    }

    try (HeadlessChromium viewer = HeadlessChromium.start()) {
      // the viewer signs in to the api (the console) in this browser, and turns on the UI's codec setting
      WebUiCodec.signIn(viewer, system, VIEWER, VIEWER_PASSWORD, PAGE);
      viewer.navigate(page);
      viewer.await("the call's page", text("Run ID"), PAGE);
      viewer.await("the input, decoded through the codec server", text(decodedOnly), PAGE);
      String seen = pageText(viewer);
      Files.writeString(Path.of("launcher/target/web-ui-codec-viewer.txt"), seen);
      Files.write(Path.of("launcher/target/web-ui-codec-viewer.png"), viewer.screenshot());
      assertThat(seen).doesNotContain(ENCRYPTED_BASE64).doesNotContain("Codec Server could not connect");
      assertNowhere("the Web UI page an authorised viewer sees", seen);
    }
  }

  private static void assertNowhere(String where, String text) {
    assertThat(text).as(where + ": the PIN").doesNotContain(PIN);
    assertThat(text).as(where + ": the caller's phone number").doesNotContain(CALLER_PHONE.substring(1));
  }

  /** The text, and every base64 value in it decoded, so that nothing hides in base64. */
  static String readable(String text) {
    StringBuilder all = new StringBuilder(text);
    Matcher base64 = Pattern.compile("[A-Za-z0-9+/]{6,}={0,2}").matcher(text);
    while (base64.find()) {
      try {
        all.append('\n').append(new String(Base64.getDecoder().decode(base64.group()), StandardCharsets.ISO_8859_1));
      } catch (IllegalArgumentException notBase64) {
        // not base64
      }
    }
    return all.toString();
  }

  private static String exportWithTheCli() throws Exception {
    Path out = work.resolve("history.json");
    Process show = new ProcessBuilder(TemporalCli.locate(true).toString(), "workflow", "show",
        "--address", system.endpoints().temporalTarget(), "--namespace", "default", "-w", workflowId, "-o", "json")
        .redirectErrorStream(false).redirectOutput(out.toFile()).start();
    assertThat(show.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(show.exitValue()).as(new String(show.getErrorStream().readAllBytes())).isZero();
    return Files.readString(out);
  }

  private static final String PAGE_TEXT = "(document.body ? document.body.innerText : '') + '\\n' + [...document"
      + ".querySelectorAll('iframe')].map(f => f.contentDocument && f.contentDocument.body"
      + " ? f.contentDocument.body.innerText : '').join('\\n')";

  private static String text(String fragment) {
    return "(" + PAGE_TEXT + ").includes('" + fragment.replace("'", "\\'") + "')";
  }

  private static String pageText(HeadlessChromium browser) throws Exception {
    return browser.evaluate(PAGE_TEXT).asText() + "\n" + browser.evaluate("document.documentElement.outerHTML").asText();
  }
}
