package dev.ivr.api.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ivr.emulator.Callee;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.media.Wav;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.event.CallStateChanged;
import dev.ivr.workflows.event.GraphEvent;
import dev.ivr.workflows.event.IncomingCall;
import dev.ivr.workflows.event.OperationCompleted;
import dev.ivr.workflows.event.ResultInfo;
import dev.ivr.workflows.event.ToneReceived;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The contract between Graph's docs, the webhook and the emulator: every notification example of
 * the v1.0 calling pages (kept verbatim in {@code src/test/resources/graph-docs}, see its README)
 * becomes the right event in the webhook, and the emulator's default notification for the same
 * situation has the example's shape: the same keys at every level, in the same casing, with values
 * of the same JSON types.
 */
class GraphDocsContractTest {

  private static final Path DOCS = Path.of("src/test/resources/graph-docs");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final GraphEmulator EMULATOR = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(5));
  private static final Bot BOT = new Bot();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final NotificationParser parser = new NotificationParser();
  private final NotificationMapper mapper = new NotificationMapper();

  @AfterAll
  static void stop() {
    EMULATOR.close();
    BOT.close();
  }

  // ------------------------------------------------------------------ the webhook maps every example

  @Test
  void incoming_startsTheCall_fromAUserToTheApplication() throws Exception {
    MappedNotification mapped = map("call-answer.example-1.notification-incoming.json");
    assertThat(mapped.startsCall()).isTrue();
    assertThat(CallIds.workflowId(mapped.callId())).isEqualTo("call-57dab8b1894c409ab240bd8beae78896");
    assertThat(mapped.tenantId()).as("the docs' incoming call names no tenant: the token's is used").isNull();
    assertThat(mapped.events()).containsExactly(new CallStateChanged("incoming", null, new IncomingCall(
        "8A34A46B-3D17-4ADC-8DCE-DC4E7D572698", "user", "8A34A46B-3D17-4ADC-8DCE-DC4E7D572698", "application",
        null, null)));
  }

  @Test
  void policyRecordingIncoming_theRichForm_startsTheCallToTheApplicationInstance() throws Exception {
    MappedNotification mapped = map("call-answer.example-3.notification-incoming-policy-recording.json");
    assertThat(mapped.startsCall()).isTrue();
    assertThat(mapped.callId()).isEqualTo("e71f0300-9c1f-4d99-b5f4-2722e877d497");
    assertThat(mapped.tenantId()).isEqualTo("932899f8-2ea1-4604-8413-27bd2892079f");
    IncomingCall incoming = ((CallStateChanged) mapped.events().get(0)).incoming();
    assertThat(incoming.targetKind()).isEqualTo("applicationInstance");
    assertThat(incoming.targetId()).isEqualTo("832899f8-2ea1-4604-8413-27bd2892079f");
  }

  @Test
  void callStates_becomeStateChanges() throws Exception {
    assertThat(events("call-answer.example-1.notification-establishing.json")).containsExactly(CallStateChanged.of("establishing"));
    assertThat(events("call-answer.example-1.notification-established.json")).containsExactly(CallStateChanged.of("established"));
    assertThat(events("call-delete.notification-terminating.json")).containsExactly(CallStateChanged.of("terminating"));
    assertThat(events("call-transfer.example-1.notification-transferring.json")).containsExactly(CallStateChanged.of("transferring"));
    assertThat(events("call-transfer.example-1.notification-transfer-accepted.json"))
        .containsExactly(CallStateChanged.of("transferAccepted"));
    assertThat(events("application-post-calls.example-1.notification-establishing.json"))
        .containsExactly(CallStateChanged.of("establishing"));
    assertThat(events("application-post-calls.example-1.notification-established.json"))
        .containsExactly(CallStateChanged.of("established"));
  }

  @Test
  void terminated_carriesItsEndReason_fromStringsOrNumbers_orATerminationReason() throws Exception {
    assertThat(events("call-delete.notification-terminated.json"))
        .containsExactly(new CallStateChanged("terminated", new ResultInfo(200, 5001, "The conversation has ended."), null));
    assertThat(events("call-transfer.example-1.notification-transfer-completed.json"))
        .containsExactly(new CallStateChanged("terminated", new ResultInfo(0, 7015, "GracefulTransferCompleted"), null));
    assertThat(events("call-transfer.example-2.notification-transfer-completed.json"))
        .containsExactly(new CallStateChanged("terminated", null, null, "AppTransferred"));
  }

  @Test
  void transferFailures_returnToEstablished_withTheSubCodeSpelledAsTheDocsDo() throws Exception {
    assertThat(events("call-transfer.example-1.notification-transfer-failed.json"))
        .containsExactly(new CallStateChanged("established", new ResultInfo(500, 7000, "<message>"), null));
    assertThat(events("call-transfer.example-2.notification-transfer-failed.json"))
        .containsExactly(new CallStateChanged("established", new ResultInfo(500, 7700, "<message>"), null));
    assertThat(events("call-transfer.example-4.notification-transfer-failed.json"))
        .containsExactly(new CallStateChanged("established", new ResultInfo(500, 7700, "<message>"), null));
  }

  @Test
  void tone_becomesAToneWithItsSequenceId() throws Exception {
    assertThat(events("call-subscribetotone.notification-tone.json"))
        .containsExactly(CallStateChanged.of("established"), new ToneReceived(1, "tone1"));
  }

  @Test
  void operationCompletions_withOrWithoutAnId_becomeCompletions() throws Exception {
    MappedNotification play = map("call-playprompt.notification-operation-completed.json");
    assertThat(play.events()).containsExactly(new OperationCompleted("0FE0623FD62842EDB4BD8AC290072CC5",
        "playPromptOperation", "d45324c1-fcb5-430a-902c-f20af696537c", "completed",
        new ResultInfo(200, 0, "Action completed successfully."), null, null, null));
    assertThat(events("call-record.example-1.notification-operation-completed.json")).containsExactly(
        new OperationCompleted("0fe0623f-d628-42ed-b4bd-8ac290072cc5", "recordOperation",
            "d45324c1-fcb5-430a-902c-f20af696537c", "completed",
            new ResultInfo(200, 8515, "Action completed, max record duration reached."), null,
            "https://file.location/17e3b46c-f61d-4f4d-9635-c626ef18e6ad", "<access-token>"));
    assertThat(events("call-cancelmediaprocessing.notification-operation-canceled-for-recordresponse.json")).containsExactly(
        new OperationCompleted("0fe0623f-d628-42ed-b4bd-8ac290072cc5", "recordOperation",
            "d45324c1-fcb5-430a-902c-f20af696537c", "failed",
            new ResultInfo(400, 8508, "Action failed, the operation was cancelled."), "operationCanceled", null, null));
  }

  @Test
  void everyExampleOfTheFolder_isCoveredByThisTest() throws IOException {
    try (var files = Files.list(DOCS)) {
      List<String> examples = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
      String source = Files.readString(Path.of("src/test/java/dev/ivr/api/callback/GraphDocsContractTest.java"));
      assertThat(examples).hasSize(19).allSatisfy(name -> assertThat(source).contains("\"" + name + "\""));
    }
  }

  // ------------------------------------------------------------------ the emulator's defaults have the docs' shape

  @Test
  void emulatorIncomingCall_answerAndDelete_haveTheDocsShape() throws Exception {
    String callId = EMULATOR.raiseIncomingCall(IncomingCallSpec.to(BOT.uri()).fromTeamsUser().withScript(CallerScript.silent()));
    assertSameShape(BOT.await(callId, i -> "created".equals(i.path("changeType").asText())),
        "call-answer.example-1.notification-incoming.json");
    answer(callId);
    assertSameShape(BOT.await(callId, state("updated", "establishing")), "call-answer.example-1.notification-establishing.json");
    assertSameShape(BOT.await(callId, state("updated", "established")), "call-answer.example-1.notification-established.json");
    assertThat(graph("DELETE", "/communications/calls/" + callId, null).statusCode()).isEqualTo(204);
    assertSameShape(BOT.await(callId, state("updated", "terminating")), "call-delete.notification-terminating.json");
    assertSameShape(BOT.await(callId, state("deleted", "terminated")), "call-delete.notification-terminated.json");
  }

  @Test
  void emulatorMediaCompletionsAndTones_haveTheDocsShape() throws Exception {
    String callId = established(CallerScript.silent());
    String prompt = BOT.prompt("short.wav", Wav.silence(0.2));
    String play = opId(graph("POST", "/communications/calls/" + callId + "/playPrompt", "{\"clientContext\":\"play-1\","
        + "\"prompts\":[{\"@odata.type\":\"#microsoft.graph.mediaPrompt\",\"mediaInfo\":{\"uri\":\"" + prompt + "\"}}]}"));
    assertSameShape(BOT.await(callId, operation(play)), "call-playprompt.notification-operation-completed.json");

    String record = opId(graph("POST", "/communications/calls/" + callId + "/recordResponse",
        "{\"clientContext\":\"record-1\",\"maxRecordDurationInSeconds\":1,\"initialSilenceTimeoutInSeconds\":5}"));
    assertSameShape(BOT.await(callId, operation(record)), "call-record.example-1.notification-operation-completed.json");

    String cancelled = opId(graph("POST", "/communications/calls/" + callId + "/recordResponse",
        "{\"clientContext\":\"record-2\",\"maxRecordDurationInSeconds\":60,\"initialSilenceTimeoutInSeconds\":60}"));
    graph("POST", "/communications/calls/" + callId + "/cancelMediaProcessing", "{\"clientContext\":\"cancel-1\"}");
    assertSameShape(BOT.await(callId, operation(cancelled)),
        "call-cancelmediaprocessing.notification-operation-canceled-for-recordresponse.json");

    graph("POST", "/communications/calls/" + callId + "/subscribeToTone", "{\"clientContext\":\"tones\"}");
    EMULATOR.pressKeys(callId, "1");
    assertSameShape(BOT.await(callId, i -> i.path("resourceData").has("toneInfo")), "call-subscribetotone.notification-tone.json");
  }

  @Test
  void emulatorTransfers_haveTheDocsShape() throws Exception {
    EMULATOR.registerCallee("agent-away", Callee.of(Callee.Outcome.NO_ANSWER));
    String done = established(CallerScript.silent());
    graph("POST", "/communications/calls/" + done + "/transfer", transfer("agent-here", ""));
    assertSameShape(BOT.await(done, state("updated", "transferring")), "call-transfer.example-1.notification-transferring.json");
    assertSameShape(BOT.await(done, i -> "transferAccepted".equals(i.path("resourceData").path("state").asText())
        && !i.path("resourceData").has("mediaState")), "call-transfer.example-1.notification-transfer-accepted.json");
    assertSameShape(BOT.await(done, state("deleted", "terminated")), "call-transfer.example-1.notification-transfer-completed.json");

    String failed = established(CallerScript.silent());
    graph("POST", "/communications/calls/" + failed + "/transfer", transfer("agent-away", ""));
    assertSameShape(BOT.await(failed, failure()), "call-transfer.example-1.notification-transfer-failed.json");

    String replaces = ",\"replacesCallId\":\"e5d39592-99bd-4db8-bca8-30fb894ec51d\"";
    String consulted = established(CallerScript.silent());
    graph("POST", "/communications/calls/" + consulted + "/transfer", transfer("agent-here", replaces));
    assertSameShape(BOT.await(consulted, state("deleted", "terminated")), "call-transfer.example-2.notification-transfer-completed.json");

    String consultFailed = established(CallerScript.silent());
    graph("POST", "/communications/calls/" + consultFailed + "/transfer", transfer("agent-away", replaces));
    assertSameShape(BOT.await(consultFailed, failure()), "call-transfer.example-2.notification-transfer-failed.json");
  }

  @Test
  void emulatorOutgoingCall_hasTheDocsShape() throws Exception {
    String body = "{\"@odata.type\":\"#microsoft.graph.call\",\"callbackUri\":\"" + BOT.uri() + "\","
        + "\"targets\":[{\"@odata.type\":\"#microsoft.graph.invitationParticipantInfo\",\"identity\":{\"@odata.type\":"
        + "\"#microsoft.graph.identitySet\",\"user\":{\"@odata.type\":\"#microsoft.graph.identity\",\"displayName\":\"John\","
        + "\"id\":\"112f7296-5fa4-42ca-bae8-6a692b15d4b8\"}}}],\"requestedModalities\":[\"audio\"],"
        + "\"mediaConfig\":{\"@odata.type\":\"#microsoft.graph.serviceHostedMediaConfig\"}}";
    HttpResponse<String> created = graph("POST", "/communications/calls", body);
    assertThat(created.statusCode()).isEqualTo(201);
    String callId = JSON.readTree(created.body()).path("id").asText();
    assertSameShape(BOT.await(callId, state("updated", "establishing")), "application-post-calls.example-1.notification-establishing.json");
    assertSameShape(BOT.await(callId, state("updated", "established")), "application-post-calls.example-1.notification-established.json");
  }

  @Test
  void theShapeComparison_bites_theRichFormIsNotTheDocs() throws Exception {
    try (GraphEmulator rich = GraphEmulator.start(EmulatorConfig.defaults().withPayloadStyle(dev.ivr.emulator.PayloadStyle.RICH))) {
      String callId = rich.raiseIncomingCall(IncomingCallSpec.to(BOT.uri()).fromTeamsUser().withScript(CallerScript.silent()));
      JsonNode created = BOT.await(callId, i -> "created".equals(i.path("changeType").asText()));
      JsonNode docs = JSON.readTree(Files.readString(DOCS.resolve("call-answer.example-1.notification-incoming.json")));
      assertThat(shape(created)).isNotEqualTo(shape(docs));
      assertThat(created.path("value").path(0).path("resourceData").has("tenantId")).isTrue();
    }
  }

  // ------------------------------------------------------------------ shape

  /** Keys at every level, in their casing, and each value's JSON type (arrays by their first element). */
  static Object shape(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> fields = new TreeMap<>();
      node.fields().forEachRemaining(e -> fields.put(e.getKey(), shape(e.getValue())));
      return fields;
    }
    if (node.isArray()) {
      return node.isEmpty() ? List.of() : List.of(shape(node.get(0)));
    }
    return node.getNodeType().name();
  }

  private static void assertSameShape(JsonNode emulatorEnvelope, String docsExample) throws IOException {
    JsonNode docs = JSON.readTree(Files.readString(DOCS.resolve(docsExample)));
    assertThat(shape(emulatorEnvelope)).as("the emulator's %s against %s", emulatorEnvelope, docsExample)
        .isEqualTo(shape(docs));
  }

  // ------------------------------------------------------------------ helpers

  private MappedNotification map(String example) throws Exception {
    CommsNotifications parsed = parser.parse(Files.readAllBytes(DOCS.resolve(example)), StandardCharsets.UTF_8);
    assertThat(parsed.value()).hasSize(1);
    return mapper.map(parsed.value().get(0));
  }

  private List<GraphEvent> events(String example) throws Exception {
    MappedNotification mapped = map(example);
    assertThat(mapped.isIgnored()).as(example + ": " + mapped.ignoredReason()).isFalse();
    return mapped.events();
  }

  private static Predicate<JsonNode> state(String changeType, String state) {
    return i -> changeType.equals(i.path("changeType").asText()) && state.equals(i.path("resourceData").path("state").asText())
        && !i.path("resourceUrl").asText().contains("/operations/");
  }

  private static Predicate<JsonNode> operation(String opId) {
    return i -> i.path("resourceUrl").asText().endsWith("/operations/" + opId.replace("-", "").toUpperCase());
  }

  private static Predicate<JsonNode> failure() {
    return i -> "established".equals(i.path("resourceData").path("state").asText()) && i.path("resourceData").has("resultInfo");
  }

  private static String transfer(String user, String targetExtra) {
    return "{\"transferTarget\":{\"endpointType\":\"default\",\"identity\":{\"user\":{\"id\":\"" + user
        + "\",\"displayName\":\"Agent\"}}" + targetExtra + "}}";
  }

  private static String established(CallerScript script) throws Exception {
    String callId = EMULATOR.raiseIncomingCall(IncomingCallSpec.to(BOT.uri()).withScript(script));
    BOT.await(callId, i -> "created".equals(i.path("changeType").asText()));
    answer(callId);
    BOT.await(callId, state("updated", "established"));
    return callId;
  }

  private static void answer(String callId) throws Exception {
    HttpResponse<String> answered = graph("POST", "/communications/calls/" + callId + "/answer",
        "{\"acceptedModalities\":[\"audio\"],\"mediaConfig\":{\"@odata.type\":\"#microsoft.graph.serviceHostedMediaConfig\"}}");
    assertThat(answered.statusCode()).isEqualTo(202);
  }

  private static String opId(HttpResponse<String> response) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).path("id").asText();
  }

  private static String token;

  private static synchronized String token() throws Exception {
    if (token == null) {
      EmulatorConfig c = EMULATOR.config();
      String form = "grant_type=client_credentials&client_id=" + c.clientId() + "&client_secret="
          + URLEncoder.encode(c.clientSecret(), StandardCharsets.UTF_8)
          + "&scope=" + URLEncoder.encode("https://graph.microsoft.com/.default", StandardCharsets.UTF_8);
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(EMULATOR.tokenEndpoint()))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
          HttpResponse.BodyHandlers.ofString());
      token = JSON.readTree(r.body()).path("access_token").asText();
    }
    return token;
  }

  private static HttpResponse<String> graph(String method, String path, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(EMULATOR.graphBaseUrl() + path))
        .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json");
    b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A bot webhook that keeps every notification POST (an envelope with its items), and serves prompt files. */
  private static final class Bot implements AutoCloseable {
    private final HttpServer server;
    private final List<JsonNode> envelopes = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> prompts = new java.util.concurrent.ConcurrentHashMap<>();

    Bot() {
      try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext("/", exchange -> {
        try (exchange; InputStream in = exchange.getRequestBody()) {
          byte[] wav = prompts.get(exchange.getRequestURI().getPath());
          if ("GET".equals(exchange.getRequestMethod()) && wav != null) {
            exchange.sendResponseHeaders(200, wav.length);
            exchange.getResponseBody().write(wav);
            return;
          }
          envelopes.add(JSON.readTree(in.readAllBytes()));
          exchange.sendResponseHeaders(202, -1);
        }
      });
      server.start();
    }

    String uri() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
    }

    String prompt(String name, byte[] wav) {
      prompts.put("/prompts/" + name, wav);
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/prompts/" + name;
    }

    /** The first POST (the whole envelope) whose one item is about {@code callId} and matches. */
    JsonNode await(String callId, Predicate<JsonNode> item) throws InterruptedException {
      String squashed = callId.replace("-", "").toUpperCase();
      long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < end) {
        for (JsonNode envelope : new ArrayList<>(envelopes)) {
          JsonNode first = envelope.path("value").path(0);
          String url = first.path("resourceUrl").asText();
          if ((url.contains(squashed) || url.contains(callId)) && item.test(first)) {
            return envelope;
          }
        }
        Thread.sleep(10);
      }
      throw new AssertionError("no such notification for " + callId + " in " + envelopes);
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
