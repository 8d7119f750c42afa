package dev.ivr.embedded.temporal;

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
import dev.ivr.embedded.EmbeddedSystem;
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
 * Issue 16, end to end on the dev server with payload encryption on. Three calls:
 * <ul>
 *   <li>a scripted caller types a PIN at a {@code collectDigits} node with {@code secure: true}; CEL checks
 *       it and an http node sends it to a bank the test runs;
 *   <li>an outbound call to a phone number, placed through the api, that records a message (Graph's
 *       {@code recordingAccessToken} travels in a signal);
 *   <li>a call waiting in its menu that an operator transfers to a phone number from the console's REST.
 * </ul>
 * Then the PIN, every phone number and every recording token is looked for everywhere a person could
 * read them: the histories as {@code temporal workflow show -o json} exports them (base64 decoded too),
 * every log line of the worker and the api (DEBUG), every query answer, every answer of the console's
 * REST, and the Temporal Web UI's page of each call, seen by an authorised viewer (payloads decoded
 * through the api's codec server) and by a stranger (ciphertext). Found nowhere; the bank got the PIN.
 * The counts print as {@code SECRETS-SCAN …} (RELIABILITY.md, "Secrets and data").
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SecurePinEndToEndTest {
  static final String PIN = "864213";
  static final String CALLER_PHONE = "+14255550143";
  static final String OUTBOUND_PHONE = "+14255550188";
  static final String TRANSFER_PHONE = "+14255550166";
  static final List<String> PHONES = List.of(CALLER_PHONE, OUTBOUND_PHONE, TRANSFER_PHONE);
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
  private static String outboundWorkflowId;
  private static String transferredWorkflowId;
  private static final List<String> recordingTokens = new ArrayList<>();
  private static final java.util.concurrent.atomic.AtomicInteger scanned = new java.util.concurrent.atomic.AtomicInteger();

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
    WaitingCallFlows.apiArguments(work); // main-menu (a 5-minute menu) and voicemail
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
    Files.writeString(flows.resolve("routing.yaml"), "default: voicemail\nroutes:\n  - {identity: \"pin-line\","
        + " flow: pin-check, variables: {bank: \"http://127.0.0.1:" + bank.getAddress().getPort() + "\"}}\n"
        + "  - {identity: \"" + WaitingCallFlows.MENU_TARGET + "\", flow: main-menu}\n");
    Path keys = work.resolve("payload-keys");
    Files.writeString(keys, PayloadKeys.generateEntry("e2e-1") + "\n");
    system = EmbeddedSystem.start(EmbeddedSystem.Options.defaults()
        .withRecordingsDir(work.resolve("recordings"))
        .withPayloadKeys(PayloadKeys.of(null, keys.toString()))
        .withApiArguments(List.of("--ivr.flows.dir=" + flows, "--ivr.flows.routing=" + flows.resolve("routing.yaml"),
            "--ivr.prompts.dir=" + Path.of("flows/prompts").toAbsolutePath(),
            "--ivr.security.users." + VIEWER + ".password={noop}" + VIEWER_PASSWORD,
            "--ivr.security.users." + VIEWER + ".roles=viewer",
            "--ivr.outbound.source-application-instance=5a1e0000-0000-4000-8000-00000000a11c",
            "--ivr.outbound.tenant-id=e1f2a3b4-0000-4000-8000-00000000cafe")));
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

    // an outbound call to a phone number that leaves a message (a recording token in its history)
    system.emulator().registerCallee(OUTBOUND_PHONE, dev.ivr.emulator.Callee.of(dev.ivr.emulator.Callee.Outcome.ANSWER));
    HttpResponse<String> placed = rest("POST", "/api/calls", "{\"target\":{\"phone\":\"" + OUTBOUND_PHONE
        + "\"},\"flow\":\"voicemail\",\"variables\":{}}", system.operatorCredentials());
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
    outboundWorkflowId = JSON.readTree(placed.body()).get("workflowId").asText();
    CallResult outbound = system.client().newUntypedWorkflowStub(outboundWorkflowId)
        .getResult(90, TimeUnit.SECONDS, CallResult.class);
    assertThat(outbound.recordings()).as("the outbound call recorded a message").hasSize(1);
    // its recording token, read back through the worker's keys from the completion signal
    for (String id : List.of(workflowId, outboundWorkflowId)) {
      for (var event : system.client().fetchHistory(id).getEvents()) {
        if (event.hasWorkflowExecutionSignaledEventAttributes()) {
          String signal = system.client().getOptions().getDataConverter().fromPayload(
              event.getWorkflowExecutionSignaledEventAttributes().getInput().getPayloads(0),
              com.fasterxml.jackson.databind.JsonNode.class, com.fasterxml.jackson.databind.JsonNode.class).toString();
          Matcher token = Pattern.compile("\"recordingAccessToken\"\\s*:\\s*\"([^\"]+)\"").matcher(signal);
          while (token.find()) {
            recordingTokens.add(token.group(1));
          }
        }
      }
    }
    assertThat(recordingTokens).as("the recording token Graph sent").isNotEmpty();

    // a caller in the menu, transferred by an operator to a phone number
    system.emulator().registerCallee(TRANSFER_PHONE, dev.ivr.emulator.Callee.of(dev.ivr.emulator.Callee.Outcome.ANSWER));
    String waiting = system.emulator().raiseIncomingCall(IncomingCallSpec.to(system.endpoints().callbackUri())
        .withTarget(WaitingCallFlows.MENU_TARGET).withCallerPhone(CALLER_PHONE)
        .withScript(CallerScript.of(new CallerScript.Wait(600))));
    transferredWorkflowId = CallIds.workflowId(waiting);
    WaitingCallFlows.awaitNode(system.client(), transferredWorkflowId, "menu");
    HttpResponse<String> transfer = rest("POST", "/api/calls/" + transferredWorkflowId + "/actions",
        "{\"type\":\"transfer\",\"targetKind\":\"phone\",\"target\":\"" + TRANSFER_PHONE
            + "\",\"reason\":\"billing\"}", system.operatorCredentials());
    assertThat(transfer.statusCode()).as(transfer.body()).isEqualTo(202);
    assertThat(system.client().newUntypedWorkflowStub(transferredWorkflowId)
        .getResult(90, TimeUnit.SECONDS, CallResult.class).outcome()).isEqualTo(CallOutcome.TRANSFERRED);
  }

  private static HttpResponse<String> rest(String method, String path, String body, String credentials)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.endpoints().apiBaseUrl() + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(30));
    if (body != null) {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> workflowIds() {
    return List.of(workflowId, outboundWorkflowId, transferredWorkflowId);
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
  void noSecret_isInTheExportedHistories() throws Exception {
    for (String id : workflowIds()) {
      String json = exportWithTheCli(id);
      assertThat(json).contains("EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED");
      assertNowhere("the history of " + id + " exported by temporal workflow show -o json", readable(json));
      // the encrypted payloads name the key they need
      assertThat(readable(json)).contains("e2e-1").contains("binary/encrypted");
    }
  }

  @Test
  void theCli_withTheCodecEndpoint_decodesForAViewer_notForAnyoneElse() throws Exception {
    String codec = system.endpoints().apiBaseUrl() + "/codec";
    String viewer = readable(cli("workflow", "show", "-w", workflowId, "-o", "json", "--codec-endpoint", codec,
        "--codec-auth", "Basic " + Base64.getEncoder().encodeToString(
            (VIEWER + ":" + VIEWER_PASSWORD).getBytes(StandardCharsets.UTF_8))));
    String stranger = readable(cli("workflow", "show", "-w", workflowId, "-o", "json", "--codec-endpoint", codec,
        "--codec-auth", "Basic " + Base64.getEncoder().encodeToString("val:guess".getBytes(StandardCharsets.UTF_8))));

    assertThat(viewer).contains("callbacks/calling").contains("pin-check");
    assertNoPinNorToken("temporal workflow show --codec-endpoint, as a viewer", viewer);
    assertThat(stranger).doesNotContain("callbacks/calling");
    assertNowhere("temporal workflow show --codec-endpoint, with a wrong password", stranger);
  }

  /** The Temporal CLI against the system's server: its standard output and error, whatever its exit. */
  private static String cli(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(TemporalCli.locate(true).toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--address", system.endpoints().temporalTarget(), "--namespace", "default"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return output;
  }

  @Test
  void noSecret_isInAnyLogLine() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : captured.list) {
      lines.add(event.getFormattedMessage()
          + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())));
    }
    assertThat(lines).as("log lines captured").isNotEmpty();
    assertNowhere("the logs of the worker and the api (" + lines.size() + " lines)", String.join("\n", lines));
  }

  @Test
  void noSecret_isInAnyQueryAnswer() throws Exception {
    StringBuilder answers = new StringBuilder();
    for (String id : workflowIds()) {
      CallWorkflow call = system.client().newWorkflowStub(CallWorkflow.class, id);
      answers.append(JSON.writeValueAsString(List.of(call.snapshot(), call.variables(), call.path(),
          call.recordings(), call.audit(), call.callState()))).append('\n');
    }
    assertThat(answers).contains("\"pin\":\"***\"").contains("transfer by operator");
    assertNowhere("the query answers", answers.toString());
  }

  @Test
  void noSecret_isInTheConsolesRestAnswers() throws Exception {
    StringBuilder answers = new StringBuilder();
    List<String> paths = new ArrayList<>(List.of("/api/calls?limit=50", "/api/calls/" + callId));
    for (String id : workflowIds()) {
      paths.addAll(List.of("/api/calls/" + id, "/api/calls/" + id + "/timeline"));
    }
    for (String path : paths) {
      HttpResponse<String> answer = rest("GET", path, null, VIEWER + ":" + VIEWER_PASSWORD);
      assertThat(answer.statusCode()).as(path).isEqualTo(200);
      answers.append(answer.body()).append('\n');
    }
    assertThat(answers).contains("Digits collected at ask");
    assertNowhere("the console's REST answers", answers.toString());
  }

  @Test
  void theWebUi_decodesForAnAuthorisedViewer_showsCiphertextToAnyoneElse_andNeverASecret() throws Exception {
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
      for (String other : List.of(outboundWorkflowId, transferredWorkflowId)) {
        stranger.navigate(ui + "/namespaces/default/workflows/" + other);
        stranger.await("the input of " + other + ", undecoded", text(ENCRYPTED_BASE64), PAGE);
        assertNowhere("the Web UI page of " + other + " a stranger sees", pageText(stranger));
      }
    }

    try (HeadlessChromium viewer = HeadlessChromium.start()) {
      // the development viewer signs in to the console (Entra ID) in this browser, and turns on the UI's codec setting
      WebUiCodec.signIn(viewer, system, "viewer", PAGE);
      viewer.navigate(page);
      viewer.await("the call's page", text("Run ID"), PAGE);
      viewer.await("the input, decoded through the codec server", text(decodedOnly), PAGE);
      String seen = pageText(viewer);
      Files.writeString(Path.of("launcher/target/web-ui-codec-viewer.txt"), seen);
      Files.write(Path.of("launcher/target/web-ui-codec-viewer.png"), viewer.screenshot());
      assertThat(seen).doesNotContain(ENCRYPTED_BASE64).doesNotContain("Codec Server could not connect");
      assertNoPinNorToken("the Web UI page an authorised viewer sees", seen);
      for (String other : List.of(outboundWorkflowId, transferredWorkflowId)) {
        viewer.navigate(ui + "/namespaces/default/workflows/" + other);
        viewer.await("the input of " + other + ", decoded", text(decodedOnly), PAGE);
        if (other.equals(outboundWorkflowId)) {
          // what the codec server is for: the viewer reads the number the call was placed to
          viewer.await("the outbound target, decoded", text(OUTBOUND_PHONE), PAGE);
        }
        String decoded = pageText(viewer);
        Files.writeString(Path.of("launcher/target/web-ui-codec-viewer-" + other + ".txt"), decoded);
        assertNoPinNorToken("the Web UI page of " + other + " an authorised viewer sees", decoded);
      }
    }
  }

  /**
   * The PIN, every phone number (without its +, so a reformatted one is caught too) and every recording
   * token: none may be in {@code text}.
   */
  private static void assertNowhere(String where, String text) {
    assertNoPinNorToken(where, text);
    for (String phone : PHONES) {
      assertThat(text).as(where + ": a phone number").doesNotContain(phone.substring(1));
    }
    int checks = scanned.addAndGet(PHONES.size());
    System.out.printf("SECRETS-SCAN %s: %d characters, %d phone numbers: 0 found (%d checks so far)%n", where,
        text.length(), PHONES.size(), checks);
  }

  /**
   * The PIN and every recording token: never in {@code text}, not even in what an authorised viewer
   * sees (their payloads are restricted; phone numbers, on the contrary, are what the codec server
   * shows viewers and operators on purpose).
   */
  private static void assertNoPinNorToken(String where, String text) {
    assertThat(text).as(where + ": the PIN").doesNotContain(PIN);
    for (String token : recordingTokens) {
      assertThat(text).as(where + ": a recording token").doesNotContain(token);
    }
    int checks = scanned.addAndGet(1 + recordingTokens.size());
    System.out.printf("SECRETS-SCAN %s: %d characters, 1 PIN, %d recording tokens: 0 found (%d checks so far)%n",
        where, text.length(), recordingTokens.size(), checks);
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

  private static String exportWithTheCli(String id) throws Exception {
    Path out = work.resolve(id + ".json");
    Process show = new ProcessBuilder(TemporalCli.locate(true).toString(), "workflow", "show",
        "--address", system.endpoints().temporalTarget(), "--namespace", "default", "-w", id, "-o", "json")
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
