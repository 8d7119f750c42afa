package dev.ivr.flowtools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowCliTest {

  @TempDir Path tmp;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void validFlows_exitZero() {
    assertThat(run("validate", "../flows/voicemail/flow.yaml")).isZero();
    assertThat(out()).startsWith("OK ../flows/voicemail/flow.yaml voicemail@");

    assertThat(run("validate", "../flows")).isZero();
  }

  @Test
  void brokenFlow_exitsOne_withOneProblemPerLine() {
    Path bad = TestFiles.write(tmp.resolve("flows/bad/flow.yaml"), """
        id: bad
        start: r
        nodes:
          r:
            type: record
            settings: {maxRecordDurationInSeconds: 500}
            next: e
          e: {type: hangup}
          orphan: {type: hangup}
        """);

    assertThat(run("validate", "--no-prompts", bad.toString())).isEqualTo(1);
    assertThat(out().lines()).containsExactly(
        bad + ":6: node 'r': maxRecordDurationInSeconds must be within 1..120 s, got 500 (Graph's recordResponse limit)");

    TestFiles.write(bad, "id: bad\nstart: e\nnodes:\n  e: {type: hangup}\n  orphan: {type: hangup}\n");
    out.reset();
    assertThat(run("validate", bad.toString())).isEqualTo(1);
    assertThat(out().lines()).containsExactly(bad + ":5: node 'orphan': unreachable: no path from start leads to this node");
  }

  @Test
  void badUsage_exitsTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("frobnicate", "x")).isEqualTo(2);
  }

  private int run(String... args) {
    return FlowCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
