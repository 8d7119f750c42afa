package dev.ivr.flowtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.say.SayGrammars;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowRepositoryTest {

  static final String APP_INSTANCE = "8F1C2A77-0000-4000-8000-00000000A11C";

  @TempDir Path tmp;
  Path flows;
  Path prompts;

  @BeforeEach
  void setUp() {
    flows = tmp.resolve("flows");
    prompts = flows.resolve("prompts");
    TestFiles.prompt(prompts, "en-US", "hi");
    TestFiles.prompt(prompts, "en-US", "bye");
    writeFlow("welcome", "hi");
    writeFlow("other", "bye");
    TestFiles.write(flows.resolve("helper/flow.yaml"),
        "id: helper\nstart: a\nnodes:\n  a: {type: play, prompts: [bye], next: return}\n");
    routing("default: welcome\naliases:\n  sales: other\nroutes:\n  \"" + APP_INSTANCE + "\": sales\n  \"+1 (425) 555-0100\": other\n");
  }

  @Test
  void routesByCalledIdentity_throughAliases_withTheDefaultAsFallback() {
    FlowCatalog catalog = open().snapshot();

    assertThat(catalog.route(APP_INSTANCE.toLowerCase()).id()).isEqualTo("other");
    assertThat(catalog.route("+14255550100").id()).isEqualTo("other");
    assertThat(catalog.route("tel:+1-425-555-0100").id()).isEqualTo("other");
    assertThat(catalog.route("someone-else").id()).isEqualTo("welcome");
    assertThat(catalog.route(null).id()).isEqualTo("welcome");
    assertThat(catalog.resolve("sales").orElseThrow().id()).isEqualTo("other");
  }

  @Test
  void routesMayBeAList_givingCallsInitialVariables() {
    routing("default: welcome\nroutes:\n  - identity: \"+33 1 70 00 00 00\"\n    flow: other\n"
        + "    variables: {locale: fr-FR, vip: true}\n  - {identity: \"" + APP_INSTANCE + "\", flow: welcome}\n");
    RoutingTable routing = open().snapshot().routing();

    assertThat(routing.routeFor("+33170000000")).isEqualTo(
        new RoutingTable.Route("other", java.util.Map.of("locale", "fr-FR", "vip", true)));
    assertThat(routing.routeFor(APP_INSTANCE).variables()).isEmpty();
    assertThat(routing.routeFor("unknown")).isEqualTo(new RoutingTable.Route("welcome", null));

    routing("default: welcome\nroutes:\n  - {identity: x, flow: other, colour: red}\n  - {identity: y, flow: ghost}\n");
    FlowException e = catchThrowableOfType(this::open, FlowException.class);
    assertThat(e.problems()).extracting(FlowProblem::toString).containsExactly(
        flows.resolve("routing.yaml") + ":3: unknown key 'colour' in a route; a route has identity, flow and variables");
  }

  @Test
  void reload_swapsTheSnapshot_andKeepsEveryVersionForPinnedAliases() {
    FlowRepository repository = open();
    FlowCatalog before = repository.snapshot();
    Flow v1 = before.flows().get("welcome").flow();

    writeFlow("welcome", "bye");
    routing("default: welcome\naliases:\n  stable: welcome@" + v1.version() + "\nroutes:\n  \"" + APP_INSTANCE + "\": stable\n");
    FlowRepository.ReloadResult result = repository.reload();

    assertThat(result.problems()).isEmpty();
    assertThat(result.applied()).isTrue();
    FlowCatalog after = repository.snapshot();
    assertThat(after.generation()).isEqualTo(before.generation() + 1);
    assertThat(after.flows().get("welcome").version()).isNotEqualTo(v1.version());
    assertThat(after.versions().get("welcome")).containsKeys(v1.version(), after.flows().get("welcome").version());
    assertThat(after.route(APP_INSTANCE).flow()).isSameAs(v1);
    assertThat(before.flows().get("welcome").flow()).isSameAs(v1); // an old snapshot never changes
  }

  @Test
  void brokenReload_leavesThePreviousSnapshot_andReportsEveryProblem() {
    FlowRepository repository = open();
    FlowCatalog before = repository.snapshot();
    TestFiles.write(flows.resolve("other/flow.yaml"), """
        id: other
        start: r
        nodes:
          r:
            type: record
            settings: {maxRecordDurationInSeconds: 500}
            next: e
          e: {type: hangup}
          orphan: {type: hangup}
        """);

    FlowRepository.ReloadResult result = repository.reload();

    assertThat(result.applied()).isFalse();
    assertThat(result.catalog()).isSameAs(before);
    assertThat(repository.snapshot()).isSameAs(before);
    assertThat(result.problems()).extracting(FlowProblem::toString).containsExactly(
        flows.resolve("other/flow.yaml") + ":6: node 'r': maxRecordDurationInSeconds must be within 1..120 s, got 500"
            + " (Graph's recordResponse limit)");
  }

  @Test
  void openingABrokenDirectory_fails_withEveryFlowsProblems() {
    TestFiles.write(flows.resolve("broken/flow.yaml"), "id: broken\nstart: a\nnodes:\n  a: {type: play, prompts: [nope], next: a2}\n  a2: {type: hangup}\n  lost: {type: hangup}\n");
    TestFiles.write(flows.resolve("misnamed/flow.yaml"), "id: elsewhere\nstart: a\nnodes:\n  a: {type: hangup}\n");

    FlowException e = catchThrowableOfType(this::open, FlowException.class);

    assertThat(e.problems()).extracting(FlowProblem::toString).anySatisfy(p -> assertThat(p).endsWith(
        "misnamed/flow.yaml:1: id 'elsewhere' must equal its directory name 'misnamed'"));
    assertThat(e.problems()).extracting(FlowProblem::toString)
        .anySatisfy(p -> assertThat(p).endsWith("broken/flow.yaml:6: node 'lost': unreachable: no path from start leads to this node"))
        .anySatisfy(p -> assertThat(p).contains("broken/flow.yaml:4: node 'a': prompt 'nope' has no en-US audio"));
  }

  @Test
  void routingMistakes_areReportedWithTheirLines() {
    routing("default: nowhere\naliases:\n  old: welcome@0123456789ab\n  loop: helper\nroutes:\n  \"+15550100\": ghost\n  \"x\": loop\ncolour: red\n");

    FlowException e = catchThrowableOfType(this::open, FlowException.class);

    String file = flows.resolve("routing.yaml").toString();
    assertThat(e.problems()).extracting(FlowProblem::toString).containsExactly(
        file + ":8: unknown key 'colour'; the routing table has default, aliases and routes");
    routing("default: nowhere\naliases:\n  old: welcome@0123456789ab\nroutes:\n  \"+15550100\": ghost\n");
    e = catchThrowableOfType(this::open, FlowException.class);
    assertThat(e.problems()).extracting(FlowProblem::toString).containsExactly(
        file + ":3: alias 'old' pins version 0123456789ab of 'welcome', which this process has not loaded (known: ["
            + FlowLoader.load(flows.resolve("welcome/flow.yaml")).version() + "])",
        file + ":1: 'nowhere' is neither a flow id nor an alias (flows: [helper, other, welcome], aliases: [])",
        file + ":5: 'ghost' is neither a flow id nor an alias (flows: [helper, other, welcome], aliases: [])");
  }

  @Test
  void aRoutedFlowCannotReturn_aSubflowCan() {
    routing("default: helper\n");
    FlowException e = catchThrowableOfType(this::open, FlowException.class);
    assertThat(e.problems()).extracting(FlowProblem::toString).singleElement().asString()
        .endsWith("helper/flow.yaml:4: node 'a': next is 'return', but flow 'helper' is routed to calls, not run as a"
            + " subflow: there is no flow to return to");

    routing("default: welcome\n");
    TestFiles.write(flows.resolve("welcome/flow.yaml"),
        "id: welcome\nstart: s\nnodes:\n  s: {type: subflow, flow: helper, next: e}\n  e: {type: hangup}\n");
    FlowCatalog catalog = open().snapshot();
    assertThat(catalog.subflowsOf(catalog.route(null).flow())).containsOnlyKeys("helper");
    assertThat(catalog.promptKeys(catalog.route(null).flow())).containsExactly("bye");
  }

  @Test
  void aFlowThatSays_pinsItsLocalesFragments_otherFlowsDoNot() {
    FlowCatalog catalog = FlowRepository.open(
        new FlowRepository.Settings(Path.of("../flows"), Path.of("../flows/prompts"))).snapshot();

    Set<String> reminder = catalog.promptKeys(catalog.flows().get("payment-reminder").flow());
    assertThat(reminder).contains("account-ending", "goodbye", "say-ord-31", "say-oh", "say-4-20", "say-of-euros")
        .containsAll(SayGrammars.of("en-US").orElseThrow().fragments())
        .containsAll(SayGrammars.of("fr-FR").orElseThrow().fragments());
    assertThat(catalog.promptKeys(catalog.flows().get("main-menu").flow())).noneMatch(key -> key.startsWith("say-"));
  }

  private FlowRepository open() {
    return FlowRepository.open(new FlowRepository.Settings(flows, prompts));
  }

  private void writeFlow(String id, String prompt) {
    TestFiles.write(flows.resolve(id + "/flow.yaml"),
        "id: " + id + "\nstart: a\nnodes:\n  a: {type: play, prompts: [" + prompt + "], next: e}\n  e: {type: hangup}\n");
  }

  private void routing(String yaml) {
    TestFiles.write(flows.resolve("routing.yaml"), yaml);
  }
}
