package dev.ivr.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivr.embedded.EmbeddedSystem;
import dev.ivr.emulator.Callee;
import dev.ivr.emulator.JournalEntry;
import dev.ivr.launcher.browser.HeadlessChromium;
import dev.ivr.workflows.call.CallAttempt;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.event.CallEvents;
import dev.ivr.workflows.visibility.CallSearchAttributes;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flow's {@code outbound.retry} through the whole system on the CLI's dev server: the api places
 * the call ({@code POST /api/calls}), Graph (the emulator) ends the first attempt unanswered, the
 * workflow waits on its durable timer in state {@code waitingToRetry} (search attribute and the api's
 * snapshot), and places the call again, which the callee, answering now, takes.
 *
 * <p>Calls run twice as fast ({@code ivr.calls.time-scale} and the emulator's time scale alike), so the
 * retry's minute is 30 s. The first attempt's callee is ended by Graph with no answer's resultInfo
 * (408/10057) after the usual ring in one test; in the other the emulator's
 * {@link Callee.Outcome#NO_ANSWER} rings Graph's default 60 s, longer than the workflow's 30 s
 * {@code established} bound, so the bot hangs the ringing attempt up and counts it as {@code noAnswer}
 * (flows/README.md, "outbound: retries by schedule").
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class OutboundRetryEndToEndTest {
  private static final double TIME_SCALE = 2.0;
  private static final String PHONE = "+14255550177";
  private static final String CREATE_CALL = "/v1.0/communications/calls";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private static EmbeddedSystem system;

  @BeforeAll
  static void start() throws Exception {
    Path flows = work.resolve("flows");
    Files.createDirectories(flows.resolve("retry-reminder"));
    Files.writeString(flows.resolve("retry-reminder/flow.yaml"), """
        id: retry-reminder
        locales: [en-US]
        outbound:
          retry:
            attempts: 2
            delays: [PT1M]
            on: [noAnswer]
        start: thanks
        nodes:
          thanks: {type: play, prompts: [welcome-back], next: end}
          end: {type: hangup}
        """);
    Files.writeString(flows.resolve("routing.yaml"), "default: retry-reminder\nroutes: []\n");
    system = EmbeddedSystem.start(EmbeddedSystem.Options.defaults()
        .withRecordingsDir(work.resolve("recordings"))
        .withEmulatorTimeScale(TIME_SCALE)
        .withApiArguments(List.of("--ivr.flows.dir=" + flows, "--ivr.flows.routing=" + flows.resolve("routing.yaml"),
            "--ivr.prompts.dir=" + Path.of("flows/prompts").toAbsolutePath(),
            "--ivr.calls.time-scale=" + TIME_SCALE,
            "--ivr.outbound.source-application-instance=5a1e0000-0000-4000-8000-00000000a11c")));
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void anAttemptGraphEndsUnanswered_waitsToRetry_thenIsPlacedAgainAndAnswered() throws Exception {
    // Graph ends the first attempt as no answer (408/10057) after the ring; BUSY only times that end
    CallResult result = retriedOnce(new Callee(Callee.Outcome.BUSY, null, Callee.Outcome.NO_ANSWER.defaultResult()),
        "createCall=failed:408/10057");

    assertThat(result.attempts().get(0).endReason().code()).isEqualTo(408);
    assertThat(result.attempts().get(0).endReason().subcode()).isEqualTo(10057);
  }

  @Test
  void anAttemptThatRingsPastTheEstablishedLimit_isHungUpAsNoAnswer_andPlacedAgain() throws Exception {
    // the emulator's callee rings Graph's 60 s, longer than the bot's 30 s established bound: the bot
    // gives up, hangs the ringing attempt up and retries it as noAnswer
    CallResult result = retriedOnce(Callee.of(Callee.Outcome.NO_ANSWER), "createCall=timeout");

    assertThat(result.attempts().get(0).endReason()).as("Graph did not end it: the bot did").isNull();
    assertThat(system.emulator().journal().stream().filter(e -> e.isRequest() && "DELETE".equals(e.method())
        && e.path().startsWith(CREATE_CALL + "/"))).as("the ringing attempt hung up").isNotEmpty();
  }

  /** Places a call whose first attempt {@code first} leaves unanswered and whose second is answered. */
  private CallResult retriedOnce(Callee first, String firstAttemptStep) throws Exception {
    system.emulator().clearJournal();
    system.emulator().registerCallee(PHONE, first);
    HttpResponse<String> placed = api("POST", "/api/calls",
        "{\"target\":{\"phone\":\"" + PHONE + "\"},\"flow\":\"retry-reminder\",\"variables\":{}}");
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
    String workflowId = JSON.readTree(placed.body()).get("workflowId").asText();

    // the first attempt ended: the call waits on its timer, visibly to operators
    HeadlessChromium.awaitCondition(workflowId + " listed as waitingToRetry", () -> !system.client()
        .listExecutions("WorkflowId = '" + workflowId + "' AND CallState = '" + CallEvents.WAITING_TO_RETRY + "'")
        .toList().isEmpty(), Duration.ofSeconds(60));
    JsonNode waiting = JSON.readTree(api("GET", "/api/calls/" + workflowId, null).body());
    assertThat(waiting.path("callState").asText()).isEqualTo(CallEvents.WAITING_TO_RETRY);
    assertThat(waiting.path("currentNode").asText()).isEqualTo("retry");
    assertThat(waiting.path("outcome").isNull()).as("no outcome while it waits").isTrue();
    JsonNode schedule = waiting.path("attempts");
    assertThat(schedule.path("attempt").asInt()).isEqualTo(2);
    assertThat(schedule.path("of").asInt()).isEqualTo(2);
    assertThat(schedule.path("nextAttemptAtMillis").isNumber()).as(schedule.toString()).isTrue();
    assertThat(schedule.path("attempts")).hasSize(1);
    assertThat(schedule.path("attempts").get(0).path("outcome").asText()).isEqualTo("noAnswer");
    assertThat(createCalls()).as("one call placed so far").hasSize(1);

    // the callee answers from now on; the timer places the call again
    system.emulator().registerCallee(PHONE, Callee.of(Callee.Outcome.ANSWER));
    CallResult result = system.client().newUntypedWorkflowStub(workflowId)
        .getResult(150, TimeUnit.SECONDS, CallResult.class);

    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(result.attempts()).extracting(CallAttempt::attempt, CallAttempt::outcome)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "noAnswer"),
            org.assertj.core.groups.Tuple.tuple(2, CallAttempt.ANSWERED));
    assertThat(result.attempts().get(1).endReason()).isNull();
    assertThat(result.attempts().get(1).placedAtMillis()).as("placed when its timer fired, not before")
        .isGreaterThanOrEqualTo(schedule.path("nextAttemptAtMillis").asLong());
    assertThat(result.path()).extracting(s -> s.nodeId() + "=" + s.outcome())
        .containsSubsequence(firstAttemptStep, "retry=waited PT1M", "createCall=established",
            "thanks=completed", "end=hangUp");
    assertThat(createCalls()).as("two calls placed in all").hasSize(2);

    var description = system.client().newUntypedWorkflowStub(workflowId).describe();
    assertThat(description.getTypedSearchAttributes().get(CallSearchAttributes.CALL_OUTCOME)).isEqualTo("COMPLETED");
    assertThat(description.getTypedSearchAttributes().get(CallSearchAttributes.DIRECTION)).isEqualTo("outgoing");
    String indexed = description.getRawDescription().getWorkflowExecutionInfo().getSearchAttributes()
        .getIndexedFieldsMap().values().stream().map(payload -> payload.getData().toStringUtf8())
        .reduce("", String::concat);
    assertThat(indexed).as("the search attributes").contains("retry-reminder").doesNotContain(PHONE.substring(1));
    return result;
  }

  /** The bot's createCall requests, as the emulator journaled them. */
  private static List<JournalEntry> createCalls() {
    return system.emulator().journal().stream()
        .filter(e -> e.isRequest() && "POST".equals(e.method()) && CREATE_CALL.equals(e.path()))
        .toList();
  }

  private static HttpResponse<String> api(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.endpoints().apiBaseUrl() + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            system.operatorCredentials().getBytes(StandardCharsets.UTF_8)));
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
