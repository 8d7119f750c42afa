package dev.ivr.api.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivr.api.ApiApplication;
import dev.ivr.api.support.EmulatorTokens;
import dev.ivr.api.temporal.CallWorkflows;
import dev.ivr.api.temporal.TemporalRpc;
import dev.ivr.api.temporal.TemporalUnavailableException;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.NotificationTokenVariant;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.event.GraphEventSignal;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Property-based fuzzing of the webhook (jqwik, over a real socket, tokens validated against the
 * Graph emulator): random and mutated commsNotifications, content types and tokens. Whatever comes,
 * the answer is deliberate (202, 400, 401, 403, 413, 415, or 503 only while Temporal is "down"),
 * nothing escapes the controller as a 500, nothing is signalled unless the POST was authenticated
 * and accepted, and every signal names a call that the payload named. The hand-off to Temporal is
 * a recording stand-in, so hundreds of tries take a few seconds.
 */
class NotificationFuzzTest {

  private static final Set<Integer> DELIBERATE = Set.of(202, 400, 401, 403, 413, 415);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Object ABSENT = new Object();
  private static final String KNOWN_CALL = "521f0b00-ffff-4bc9-a43e-b226498ec22a";

  private static GraphEmulator emulator;
  private static EmulatorTokens tokens;
  private static ConfigurableApplicationContext api;
  private static RecordingSignaller signaller;
  private static URI webhook;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeContainer
  static void start() {
    emulator = GraphEmulator.start(EmulatorConfig.defaults());
    tokens = new EmulatorTokens(emulator);
    api = new SpringApplicationBuilder(ApiApplication.class, Wiring.class)
        .initializers(context -> context.getBeanFactory().registerSingleton("fuzzTestTypes", new TestTypesExcluded()))
        .run("--server.port=0", "--server.address=127.0.0.1",
            "--ivr.flows.dir=../flows", "--ivr.flows.routing=../flows/routing.yaml", "--ivr.prompts.dir=../flows/prompts",
            "--ivr.callback.max-body-size=64KB", "--ivr.callback.max-notifications=20",
            "--ivr.notifications.auth.openid-configuration-url=" + emulator.notificationOpenIdConfigurationUrl(),
            "--ivr.notifications.auth.audience=" + emulator.config().clientId(),
            "--ivr.notifications.auth.allowed-tenants=" + emulator.config().tenantId(),
            "--logging.level.dev.ivr=WARN");
    signaller = api.getBean(RecordingSignaller.class);
    webhook = URI.create("http://127.0.0.1:" + api.getEnvironment().getProperty("local.server.port") + "/callbacks/calling");
  }

  @AfterContainer
  static void stop() {
    if (api != null) {
      api.close();
    }
    if (tokens != null) {
      tokens.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  enum Auth { VALID, NONE, EXPIRED, WRONG_AUDIENCE, WRONG_ISSUER, BAD_SIGNATURE, MUTATED }

  @Property(tries = 300)
  void anyPayload_getsADeliberateAnswer_andOnlyAuthenticAcceptedOnesAreSignalled(
      @ForAll("payloads") String body,
      @ForAll("contentTypes") String contentType,
      @ForAll("auth") Auth auth,
      @ForAll("temporalDown") boolean temporalDown) throws Exception {
    signaller.reset(temporalDown);
    HttpRequest.Builder request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(20))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    String authorization = authorization(auth);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }

    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    int status = response.statusCode();
    List<String> signalled = signaller.workflowIds();
    Statistics.label("answer").collect(status);
    Statistics.label("signalled").collect(signalled.isEmpty() ? "none" : "some");

    if (status == 503) {
      assertThat(temporalDown).as("503 only when Temporal is unreachable").isTrue();
      assertThat(response.headers().firstValue("Retry-After")).isPresent();
    } else {
      assertThat(DELIBERATE).as("status %d for %s", status, response.body()).contains(status);
    }
    if (auth != Auth.VALID) {
      assertThat(status).as("an inauthentic POST").isIn(401, 403, 415);
    }
    if (status != 202) {
      assertThat(signalled).as("nothing is signalled for a refused POST").isEmpty();
    } else {
      JsonNode reply = JSON.readTree(response.body());
      assertThat(reply.path("outcomes").size()).isEqualTo(reply.path("received").asInt());
      String sent = body.toLowerCase(Locale.ROOT).replace("-", "");
      for (String workflowId : signalled) {
        assertThat(workflowId).startsWith("call-");
        assertThat(sent).as("a signalled call is named in the payload").contains(workflowId.substring("call-".length()));
      }
    }
  }

  private static String authorization(Auth auth) {
    return switch (auth) {
      case VALID -> tokens.valid();
      case NONE -> null;
      case EXPIRED -> tokens.authorization(NotificationTokenVariant.EXPIRED);
      case WRONG_AUDIENCE -> tokens.authorization(NotificationTokenVariant.WRONG_AUDIENCE);
      case WRONG_ISSUER -> tokens.authorization(NotificationTokenVariant.WRONG_ISSUER);
      case BAD_SIGNATURE -> tokens.authorization(NotificationTokenVariant.BAD_SIGNATURE);
      case MUTATED -> {
        char[] token = tokens.valid().toCharArray();
        int at = "Bearer ".length() + (Math.abs(UUID.randomUUID().hashCode()) % (token.length - "Bearer ".length()));
        token[at] = token[at] == 'A' ? 'B' : 'A';
        yield new String(token);
      }
    };
  }

  @Provide
  Arbitrary<Auth> auth() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.just(Auth.VALID)), Tuple.of(4, Arbitraries.of(Auth.values())));
  }

  @Provide
  Arbitrary<Boolean> temporalDown() {
    return Arbitraries.frequencyOf(Tuple.of(19, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true)));
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.frequencyOf(
        Tuple.of(16, Arbitraries.just("application/json")),
        Tuple.of(1, Arbitraries.of("Application/JSON; charset=UTF-8", "application/vnd.graph+json",
            "application/json; charset=utf-16", "application/json; charset=nonsense", "text/plain",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml")));
  }

  @Provide
  Arbitrary<String> payloads() {
    Arbitrary<String> json = envelope().map(NotificationFuzzTest::write);
    return Arbitraries.frequencyOf(
        Tuple.of(6, json),
        Tuple.of(2, Combinators.combine(json, Arbitraries.integers().between(0, 10_000)).as((s, at) -> s.substring(0, at % (s.length() + 1)))),
        Tuple.of(2, Combinators.combine(json, Arbitraries.integers().between(0, 10_000), Arbitraries.chars())
            .as((s, at, c) -> { int i = at % (s.length() + 1); return s.substring(0, i) + c + s.substring(i); })),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(200)),
        Tuple.of(1, Arbitraries.of("", "null", "[]", "{}", "{\"value\":null}", "{\"value\":{}}", "{\"value\":\"x\"}",
            "{\"value\":[]} trailing", "[".repeat(5000), "{\"value\":[" + "{\"a\":".repeat(3000))),
        Tuple.of(1, Arbitraries.integers().between(21, 60).map(n ->
            "{\"value\":[" + String.join(",", Collections.nCopies(n, "{\"changeType\":\"updated\"}")) + "]}")),
        Tuple.of(1, Arbitraries.just("{\"value\":[],\"pad\":\"" + "x".repeat(70 * 1024) + "\"}")));
  }

  private Arbitrary<Object> envelope() {
    Arbitrary<Object> value = Arbitraries.oneOf(notification().list().ofMaxSize(5).map(l -> (Object) l), scalar());
    return Arbitraries.frequencyOf(
        Tuple.of(8, value.map(v -> (Object) map("value", v, "@odata.type", "#microsoft.graph.commsNotifications"))),
        Tuple.of(1, scalar()));
  }

  private Arbitrary<Object> notification() {
    Arbitrary<Object> entity = entity();
    Arbitrary<Object> resourceData = Arbitraries.frequencyOf(
        Tuple.of(6, entity), Tuple.of(1, entity.list().ofMaxSize(3).map(l -> (Object) l)),
        Tuple.of(1, scalar()), Tuple.of(1, Arbitraries.just(ABSENT)));
    Arbitrary<Object> changeType = Arbitraries.oneOf(cased("created", "updated", "deleted"), scalar(), Arbitraries.just(ABSENT));
    return Combinators.combine(changeType, resourceUrl(), resourceUrl(), resourceData)
        .as((c, url, legacy, data) -> (Object) map("changeType", c, "resourceUrl", url,
            "resource", legacy instanceof String s ? s.replace("/communications/calls/", "/app/calls/") : ABSENT,
            "resourceData", data));
  }

  private Arbitrary<Object> entity() {
    Arbitrary<Object> type = Arbitraries.oneOf(
        Arbitraries.of("#microsoft.graph.call", "#microsoft.graph.playPromptOperation", "#microsoft.graph.recordOperation",
            "#microsoft.graph.participant", "#microsoft.graph.commsOperation").map(s -> (Object) s),
        scalar(), Arbitraries.just(ABSENT));
    Arbitrary<Object> state = Arbitraries.oneOf(
        cased("incoming", "establishing", "established", "hold", "terminating", "terminated"), scalar(), Arbitraries.just(ABSENT));
    Arbitrary<Object> status = Arbitraries.oneOf(cased("running", "completed", "failed"), scalar(), Arbitraries.just(ABSENT));
    Arbitrary<Object> number = Arbitraries.oneOf(
        Arbitraries.integers().map(i -> (Object) i), Arbitraries.integers().map(i -> (Object) String.valueOf(i)),
        Arbitraries.of("1e400", "-0", "12abc", "99999999999999999999").map(s -> (Object) s), scalar());
    Arbitrary<Object> tone = Arbitraries.oneOf(cased("tone0", "tone1", "tone9", "star", "pound", "flash"), scalar());
    Arbitrary<Object> toneInfo = Arbitraries.oneOf(
        Combinators.combine(number, tone).as((seq, t) -> (Object) map("sequenceId", seq, "tone", t)),
        scalar(), Arbitraries.just(ABSENT));
    Arbitrary<Object> resultInfo = Arbitraries.oneOf(
        Combinators.combine(number, number, scalar()).as((code, sub, msg) -> (Object) map("code", code, "subcode", sub, "message", msg)),
        scalar(), Arbitraries.just(ABSENT));
    Arbitrary<Object> id = Arbitraries.oneOf(callId(), scalar(), Arbitraries.just(ABSENT));
    Arbitrary<Object> direction = Arbitraries.oneOf(cased("incoming", "outgoing"), scalar(), Arbitraries.just(ABSENT));
    Arbitrary<Object> source = Arbitraries.oneOf(
        Arbitraries.of("user", "phone", "application", "applicationInstance", "encrypted", "guest")
            .map(kind -> (Object) map("identity", map(kind, map("id", "8f0a3a2e-1c1b-4a5e-9e0f-1a2b3c4d5e6f", "tenantId", "t")))),
        scalar(), Arbitraries.just(ABSENT));
    return Combinators.combine(type, id, state, direction, toneInfo, resultInfo, status, source)
        .as((t, i, s, d, ti, ri, st, src) -> (Object) map("@odata.type", t, "id", i, "state", s, "direction", d,
            "toneInfo", ti, "resultInfo", ri, "status", st, "source", src, "targets", src instanceof Map ? List.of(src) : ABSENT));
  }

  private Arbitrary<Object> resourceUrl() {
    Arbitrary<String> id = callId().map(String::valueOf);
    return Arbitraries.frequencyOf(
        Tuple.of(4, id.map(i -> (Object) ("/communications/calls/" + i))),
        Tuple.of(2, Combinators.combine(id, Arbitraries.strings().alpha().numeric().ofMaxLength(40))
            .as((i, op) -> (Object) ("/communications/calls/" + i + "/operations/" + op))),
        Tuple.of(1, id.map(i -> (Object) ("/communications/calls/" + i.replace("-", "").toUpperCase(Locale.ROOT)))),
        Tuple.of(1, id.map(i -> (Object) ("/communications/calls/" + i + "/participants"))),
        Tuple.of(1, id.map(i -> (Object) ("/communications/calls('" + i + "')"))),
        Tuple.of(1, Arbitraries.of("/communications/calls/", "/communications/onlineMeetings/x", "/", "calls").map(s -> (Object) s)),
        Tuple.of(1, scalar()),
        Tuple.of(1, Arbitraries.just(ABSENT)));
  }

  private Arbitrary<Object> callId() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(KNOWN_CALL)),
        Tuple.of(3, Arbitraries.randomValue(r -> new UUID(r.nextLong(), r.nextLong()).toString())),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(300)),
        Tuple.of(1, Arbitraries.of("", " ", "..", "%2F", "a/b", "x".repeat(400))))
        .map(s -> (Object) s);
  }

  private static Arbitrary<Object> cased(String... values) {
    return Combinators.combine(Arbitraries.of(values), Arbitraries.integers().between(0, 3)).as((v, c) -> (Object) switch (c) {
      case 0 -> v;
      case 1 -> v.toUpperCase(Locale.ROOT);
      case 2 -> Character.toUpperCase(v.charAt(0)) + v.substring(1);
      default -> " " + v + " ";
    });
  }

  private static Arbitrary<Object> scalar() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.doubles().map(d -> (Object) d),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.just(null),
        Arbitraries.just(List.of()),
        Arbitraries.just(Map.of()));
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != ABSENT) {
        map.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return map;
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Records what would be signalled instead of calling Temporal; "down" fails the first hand-off. */
  static final class RecordingSignaller extends CallWorkflows {
    private final List<String> workflowIds = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean down;

    RecordingSignaller(WorkflowClient client, TemporalRpc rpc) {
      super(client, rpc, new dev.ivr.api.temporal.TemporalVisibility(client, rpc));
    }

    void reset(boolean temporalDown) {
      workflowIds.clear();
      down = temporalDown;
    }

    List<String> workflowIds() {
      return List.copyOf(workflowIds);
    }

    @Override
    public Delivery startIncoming(CallInput input, GraphEventSignal signal) {
      return record(CallWorkflows.workflowIdOf(input.callId()), signal);
    }

    @Override
    public Delivery signal(String workflowId, GraphEventSignal signal) {
      return record(workflowId, signal);
    }

    private Delivery record(String workflowId, GraphEventSignal signal) {
      if (down) {
        throw new TemporalUnavailableException("down (fuzz)", new RuntimeException());
      }
      if (signal == null || signal.event() == null || signal.event().dedupKey().isBlank()) {
        throw new AssertionError("an empty signal for " + workflowId);
      }
      workflowIds.add(workflowId);
      return Math.floorMod(workflowId.hashCode(), 7) == 0 ? Delivery.UNKNOWN_CALL : Delivery.DELIVERED;
    }
  }

  /** The stand-in hand-off, replacing the real one. */
  @Configuration(proxyBeanMethods = false)
  static class Wiring {
    @Bean
    @Primary
    RecordingSignaller recordingSignaller(WorkflowClient client, TemporalRpc rpc) {
      return new RecordingSignaller(client, rpc);
    }
  }

  /** Keeps other tests' configurations (and this one's, registered by hand) out of the scan. */
  static final class TestTypesExcluded extends TypeExcludeFilter {
    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
      String name = reader.getClassMetadata().getClassName();
      return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName())
          || Arrays.stream(name.split("\\$")).limit(1).anyMatch(outer -> outer.endsWith("Test"));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof TestTypesExcluded;
    }

    @Override
    public int hashCode() {
      return TestTypesExcluded.class.hashCode();
    }
  }
}
