package dev.ivr.flowtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gradual rollout: a split alias shares new calls between two versions, decided per call by its id. */
class SplitAliasTest {
  static final String APP_INSTANCE = "8f1c2a77-0000-4000-8000-00000000a11c";

  @TempDir Path tmp;
  Path flows;
  Path prompts;

  @BeforeEach
  void setUp() {
    flows = tmp.resolve("flows");
    prompts = flows.resolve("prompts");
    TestFiles.prompt(prompts, "en-US", "hi");
    TestFiles.prompt(prompts, "en-US", "bye");
  }

  @Test
  void aSplitOf80To20_sharesTenThousandCalls80To20_andACallAlwaysGetsTheSameVersion() {
    writeFlow("hi");
    FlowRepository repository = open("default: support\naliases:\n  support: welcome\n");
    String v1 = repository.snapshot().flows().get("welcome").version();
    writeFlow("bye"); // version 2 becomes the current one; version 1 stays loaded
    routing("default: support\naliases:\n  support:\n    split: {welcome@" + v1 + ": 80, welcome: 20}\n"
        + "routes:\n  \"" + APP_INSTANCE + "\": support\n");
    assertThat(repository.reload().problems()).isEmpty();
    FlowCatalog catalog = repository.snapshot();
    String v2 = catalog.flows().get("welcome").version();

    Map<String, Integer> byVersion = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      String callId = UUID.nameUUIDFromBytes(("call " + i).getBytes()).toString();
      FlowCatalog.Resolved resolved = catalog.resolve("support", callId).orElseThrow();
      byVersion.merge(resolved.flow().version(), 1, Integer::sum);
      assertThat(resolved.split()).isEqualTo("support:welcome" + (resolved.flow().version().equals(v1) ? "@" + v1 : ""));
      for (int again = 0; again < 3; again++) {
        assertThat(catalog.resolve("support", callId).orElseThrow().flow().version())
            .as("call %s stays on its version", callId).isEqualTo(resolved.flow().version());
      }
    }
    assertThat(byVersion.get(v1)).as("%s", byVersion).isBetween(7_800, 8_200);
    assertThat(byVersion.get(v2)).as("%s", byVersion).isBetween(1_800, 2_200);
    assertThat(catalog.resolve("welcome", "any").orElseThrow().split()).as("a flow id is no split").isNull();
    assertThat(catalog.routing().routeFor(APP_INSTANCE).flow()).isEqualTo("support");
  }

  @Test
  void aSplitThatDoesNotAddUpTo100_orNamesAnUnknownFlow_isRefusedWithFileAndLine() {
    writeFlow("hi");
    routing("default: welcome\naliases:\n  canary:\n    split: {welcome: 70, other: 20}\n"
        + "  ghostly:\n    split:\n      welcome: 50\n      ghost: 50\n  odd:\n    split: {welcome: 100.5, ghost: -1}\n");

    FlowException e = catchThrowableOfType(() -> open(null), FlowException.class);

    String file = flows.resolve("routing.yaml").toString();
    assertThat(e.problems()).extracting(FlowProblem::toString).containsExactly(
        file + ":3: split alias 'canary' adds up to 90%, not 100%: {welcome=70, other=20}",
        file + ":10: split alias 'odd': the share of 'welcome' must be a whole percentage from 0 to 100, got 100.5");
    routing("default: welcome\naliases:\n  ghostly:\n    split:\n      welcome: 50\n      ghost: 50\n");
    e = catchThrowableOfType(() -> open(null), FlowException.class);
    assertThat(e.problems()).extracting(FlowProblem::toString).containsExactly(
        file + ":6: split alias 'ghostly' points to flow 'ghost', which is not in the flows directory");
  }

  @Test
  void bucketsAreStable_andCoverZeroTo99() {
    assertThat(FlowCatalog.bucket("call-0")).isEqualTo(FlowCatalog.bucket("call-0"));
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      int bucket = FlowCatalog.bucket("c" + i);
      assertThat(bucket).isBetween(0, 99);
      seen.add(bucket);
    }
    assertThat(seen).hasSize(100);
  }

  private FlowRepository open(String routingYaml) {
    if (routingYaml != null) {
      routing(routingYaml);
    }
    return FlowRepository.open(new FlowRepository.Settings(flows, prompts));
  }

  private void writeFlow(String prompt) {
    TestFiles.write(flows.resolve("welcome/flow.yaml"),
        "id: welcome\nstart: a\nnodes:\n  a: {type: play, prompts: [" + prompt + "], next: e}\n  e: {type: hangup}\n");
  }

  private void routing(String yaml) {
    TestFiles.write(flows.resolve("routing.yaml"), yaml);
  }
}
