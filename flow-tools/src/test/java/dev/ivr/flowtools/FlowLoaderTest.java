package dev.ivr.flowtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.RecordNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlowLoaderTest {

  static final Path VOICEMAIL = Path.of("../flows/voicemail/flow.yaml");

  @Test
  void voicemailExample_passesTheSchema_andLoadsWithItsContentHashAsVersion() throws IOException {
    LoadedFlow loaded = FlowLoader.load(VOICEMAIL);

    Flow flow = loaded.flow();
    assertThat(flow.id()).isEqualTo("voicemail");
    assertThat(flow.version()).hasSize(12).isEqualTo(FlowLoader.version(Files.readAllBytes(VOICEMAIL)));
    assertThat(flow.node("greeting")).isEqualTo(new PlayNode(List.of("voicemail-greeting"), "record"));
    assertThat(((RecordNode) flow.node("record")).settings().maxRecordDurationInSeconds()).isEqualTo(30);
    assertThat(flow.node("end")).isEqualTo(new HangupNode());
  }

  @Test
  void anyEdit_makesANewVersion() {
    String yaml = "id: f\nstart: a\nnodes:\n  a: {type: hangup}\n";
    assertThat(parse(yaml).version()).isNotEqualTo(parse(yaml + "# edited\n").version());
  }

  @Test
  void jsonIsAccepted_withItsOwnLines() {
    String json = "{\n  \"$schema\": \"../schema/flow.schema.json\",\n  \"id\": \"f\",\n  \"start\": \"a\",\n"
        + "  \"nodes\": {\n    \"a\": {\"type\": \"play\", \"prompts\": [\"hi\"], \"next\": \"b\"},\n"
        + "    \"b\": {\"type\": \"hangup\", \"colour\": \"red\"}\n  }\n}\n";
    FlowException e = catchThrowableOfType(() -> FlowLoader.parse(json.getBytes(StandardCharsets.UTF_8), "f.json"),
        FlowException.class);
    assertThat(e.problems()).singleElement().hasToString("f.json:7: node 'b': unknown key 'colour'");

    Flow flow = FlowLoader.parse(json.replace(", \"colour\": \"red\"", "").getBytes(StandardCharsets.UTF_8), "f.json").flow();
    assertThat(flow.node("a")).isEqualTo(new PlayNode(List.of("hi"), "b"));
  }

  @Test
  void recordLongerThanGraphAllows_isRejectedWithNodeIdAndLine() {
    String yaml = """
        id: bad
        start: record
        nodes:
          record:
            type: record
            settings:
              maxRecordDurationInSeconds: 500
            next: end
          end:
            type: hangup
        """;
    assertProblems(yaml, "flows/bad/flow.yaml:7: node 'record': maxRecordDurationInSeconds must be within 1..120 s, got 500"
        + " (Graph's recordResponse limit)");
  }

  @Test
  void graphLimitsOnRecord_areEnforced() {
    String base = "id: f\nstart: r\nnodes:\n  r:\n    type: record\n%s    next: e\n  e: {type: hangup}\n";
    assertProblems(base.formatted("    settings: {initialSilenceTimeoutInSeconds: 0}\n"),
        "flows/bad/flow.yaml:6: node 'r': initialSilenceTimeoutInSeconds must be within 1..120 s, got 0 (Graph's recordResponse limit)");
    assertProblems(base.formatted("    settings: {stopTones: ['#', 'A']}\n"),
        "flows/bad/flow.yaml:6: node 'r': stopTones must be among 0-9, * and #, got 'A'");
    assertProblems(base.formatted("    prompt: [one, two]\n"),
        "flows/bad/flow.yaml:6: node 'r': record plays at most 1 prompt (Graph's recordResponse limit), got 2;"
            + " play the others in a play node before it");
  }

  @Test
  void unknownKeysAndTypes_areErrorsNamingLineAndNode() {
    assertProblems("id: f\nstart: a\ncolour: red\nnodes:\n  a: {type: hangup}\n", "flows/bad/flow.yaml:3: unknown key 'colour'");
    assertProblems("id: f\nstart: a\nnodes:\n  a:\n    type: play\n    prompts: [p]\n    nxet: b\n",
        "flows/bad/flow.yaml:4: node 'a': missing required key 'next'", "flows/bad/flow.yaml:7: node 'a': unknown key 'nxet'");
    assertProblems("id: f\nstart: a\nnodes:\n  a: {type: dance}\n",
        "flows/bad/flow.yaml:4: node 'a': unknown node type 'dance'; one of play, menu, collectDigits, record, set, branch,"
            + " http, businessHours, subflow, transfer, hangup");
    assertProblems("id: f\nversion: abc\nstart: a\nnodes:\n  a: {type: hangup}\n",
        "flows/bad/flow.yaml:2: 'version' is computed from the file's content (its sha256); remove it");
  }

  @Test
  void modelRules_nameTheNode() {
    assertProblems("id: f\nstart: t\nnodes:\n  t: {type: transfer, phone: '+15550100', user: abc, onFailure: e}\n  e: {type: hangup}\n",
        "flows/bad/flow.yaml:4: node 't': transfer needs exactly one of phone, user, applicationInstance or targetExpression");
    assertProblems("id: f\nstart: zz\nnodes:\n  a: {type: hangup}\n", "flows/bad/flow.yaml:2: start node 'zz' does not exist");
  }

  @Test
  void syntaxErrors_duplicateKeysAndSecondDocuments_areRejected() {
    assertThat(problems("id: [unclosed\n").get(0).toString()).startsWith("flows/bad/flow.yaml:1: not valid YAML").doesNotContain("\n");
    assertThat(problems("id: f\nid: g\nstart: a\nnodes:\n  a: {type: hangup}\n").get(0).toString())
        .startsWith("flows/bad/flow.yaml:2: not valid YAML").contains("Duplicate field 'id'");
    assertThat(problems("id: f\nstart: a\nnodes:\n  a: {type: hangup}\n---\nid: g\n").get(0).toString())
        .contains("more than one document");
    assertThat(problems("- just\n- a list\n").get(0).toString()).contains("a flow is a mapping");
    assertThat(problems("").get(0).toString()).contains("a flow is a mapping");
  }

  /** Random damage to a valid flow: the loader either loads the whole flow or reports problems, nothing else. */
  @Test
  void brokenYaml_neverHalfLoads() throws IOException {
    String original = Files.readString(VOICEMAIL);
    Flow intact = FlowLoader.load(VOICEMAIL).flow();
    Random random = new Random(42);
    String noise = " :-[]{}#'\"\t\n&*!|>%@`,?0123456789abcdefghijklmnopqrstuvwxyz";
    int loaded = 0;
    for (int i = 0; i < 2_000; i++) {
      StringBuilder damaged = new StringBuilder(original);
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits && damaged.length() > 0; e++) {
        int at = random.nextInt(damaged.length());
        switch (random.nextInt(3)) {
          case 0 -> damaged.deleteCharAt(at);
          case 1 -> damaged.insert(at, noise.charAt(random.nextInt(noise.length())));
          default -> damaged.setLength(at);
        }
      }
      try {
        Flow flow = FlowLoader.parse(damaged.toString().getBytes(StandardCharsets.UTF_8), "fuzz.yaml").flow();
        loaded++;
        assertThat(flow.nodes()).isNotEmpty();
        assertThat(flow.nodes()).containsKey(flow.start());
        if (flow.nodes().keySet().equals(intact.nodes().keySet()) && flow.id().equals(intact.id())) {
          // a harmless edit (e.g. in a comment) keeps every node intact
          assertThat(flow.nodes().values()).allSatisfy(node -> assertThat(node).isNotNull());
        }
      } catch (FlowException e) {
        assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.file()).isEqualTo("fuzz.yaml"));
      }
    }
    assertThat(loaded).isLessThan(2_000);
  }

  static LoadedFlow parse(String yaml) {
    return FlowLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "flows/bad/flow.yaml");
  }

  static List<FlowProblem> problems(String yaml) {
    return catchThrowableOfType(() -> parse(yaml), FlowException.class).problems();
  }

  static void assertProblems(String yaml, String... expected) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(FlowException.class);
    assertThat(problems(yaml)).extracting(FlowProblem::toString).containsExactly(expected);
  }
}
