package dev.ivr.api.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivr.api.prompt.PromptLibrary;
import dev.ivr.api.prompt.PromptProperties;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.RecordNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncomingCallFlowTest {

  private static final Path DEMO_FLOW = Path.of("../flows/voicemail/flow.yaml");
  private static final Path DEMO_PROMPTS = Path.of("../flows/prompts");

  @TempDir Path tmp;

  @Test
  void demoVoicemailFlow_loadsWithItsPrompts() throws IOException {
    IncomingCallFlow loaded = load(DEMO_FLOW, DEMO_PROMPTS);

    Flow flow = loaded.flow();
    assertThat(flow.id()).isEqualTo("voicemail");
    assertThat(flow.version()).isEqualTo(FlowFiles.version(Files.readAllBytes(DEMO_FLOW)));
    assertThat(flow.start()).isEqualTo("greeting");
    assertThat(flow.nodes()).containsOnlyKeys("greeting", "record", "goodbye", "end");
    assertThat(flow.node("greeting")).isEqualTo(new PlayNode(List.of("voicemail-greeting"), "record"));
    RecordNode record = (RecordNode) flow.node("record");
    assertThat(record.next()).isEqualTo("goodbye");
    assertThat(record.settings().maxRecordDurationInSeconds()).isEqualTo(30);
    assertThat(record.settings().initialSilenceTimeoutInSeconds()).isEqualTo(5);
    assertThat(record.settings().maxSilenceTimeoutInSeconds()).isEqualTo(3);
    assertThat(record.settings().playBeep()).isTrue();
    assertThat(record.settings().stopTones()).containsExactly("#");
    assertThat(flow.node("goodbye")).isEqualTo(new PlayNode(List.of("goodbye"), "end"));
    assertThat(flow.node("end")).isEqualTo(new HangupNode());

    Map<String, MediaRef> prompts = loaded.prompts("https://bot.example");
    assertThat(prompts).containsOnlyKeys("voicemail-greeting", "goodbye");
    assertThat(prompts.get("goodbye").uri()).isEqualTo("https://bot.example/prompts/en-US/goodbye.wav");
    assertThat(prompts.get("goodbye").durationMillis()).isBetween(500L, 5_000L);
  }

  @Test
  void editingTheFile_changesTheVersion() {
    String yaml = "id: f\nstart: a\nnodes:\n  a: {type: hangup}\n";

    assertThat(FlowFiles.parse(yaml.getBytes(StandardCharsets.UTF_8), "x").version())
        .isNotEqualTo(FlowFiles.parse((yaml + "# edited\n").getBytes(StandardCharsets.UTF_8), "x").version());
  }

  @Test
  void brokenFlows_areRejectedWithAMessageNamingTheFile() {
    assertRejected("id: f\nstart: a\nnodes:\n  a: {type: play, prompts: [p], next: nowhere}\n", "'nowhere'");
    assertRejected("id: f\nstart: zz\nnodes:\n  a: {type: hangup}\n", "start node 'zz'");
    assertRejected("id: f\nstart: a\nnodes:\n  a: {type: dance}\n", "dance");
    assertRejected("id: f\nstart: a\nversion: x\nnodes:\n  a: {type: hangup}\n", "version");
    assertRejected("id: f\nstart: a\nnodes:\n  a: {type: play, prompts: [p], next: b, colour: red}\n  b: {type: hangup}\n", "colour");
    assertRejected("id: f\nstart: a\ncolour: red\nnodes:\n  a: {type: hangup}\n", "colour");
    assertRejected("id: f\nstart: a\nnodes:\n  a: {type: hangup, colour: red}\n", "colour");
    assertRejected("- just\n- a list\n", "mapping");
    assertRejected("id: [unclosed\n", "invalid");
  }

  @Test
  void flowWithAMissingPrompt_failsStartUpNamingTheFlowAndThePrompt() throws IOException {
    Path flow = tmp.resolve("flow.yaml");
    Files.writeString(flow, "id: f\nstart: a\nnodes:\n  a: {type: play, prompts: [absent], next: b}\n  b: {type: hangup}\n");

    assertThatThrownBy(() -> load(flow, DEMO_PROMPTS))
        .hasMessageContaining(flow.getFileName().toString())
        .hasMessageContaining("absent.wav");
  }

  private static void assertRejected(String yaml, String expected) {
    assertThatThrownBy(() -> FlowFiles.parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("test.yaml")
        .hasMessageContaining(expected);
  }

  private static IncomingCallFlow load(Path flow, Path prompts) {
    return new IncomingCallFlow(
        new FlowProperties(flow.toString()), new PromptLibrary(new PromptProperties(prompts.toString(), "en-US")));
  }
}
