package dev.ivr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What-if replay: a stored call's caller, re-run against a copy of its flow with two choices swapped. */
class WhatIfTest {
  private static final String HISTORY = "main-menu/sales-new-orders.json";

  @Test
  void theCallersKeys_areReconstructedRelativeToThePromptsTheyInterrupted() {
    CallerInputs inputs = CallerInputs.of(history());

    assertThat(inputs.timeline()).extracting(CallerInputs.Input::kind, CallerInputs.Input::detail)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("key", "1"), org.assertj.core.groups.Tuple.tuple("key", "1"));
    assertThat(inputs.script().toJson().toString())
        .startsWith("[{\"waitFor\":\"established\"},{\"waitFor\":\"promptStarted\"}")
        .contains("{\"press\":\"1\"");
  }

  @Test
  @Timeout(90)
  void aChangedSuccessor_showsWhereTheNewPathDiffers(@TempDir Path dir) throws IOException {
    Path flows = copyOf(Path.of("flows"), dir.resolve("flows"));
    Path menu = flows.resolve("main-menu/flow.yaml");
    String yaml = Files.readString(menu);
    String sales = "\"1\": new-orders\n      \"2\": existing-orders";
    assertThat(yaml).contains(sales);
    Files.writeString(menu, yaml.replace(sales, "\"1\": existing-orders\n      \"2\": new-orders"));

    WhatIf.Report report = WhatIf.run(history(), flows, 10);

    assertThat(report.oldPath()).containsExactly("menu", "sales", "new-orders", "goodbye", "end");
    assertThat(report.newPath()).containsExactly("menu", "sales", "existing-orders", "goodbye", "end");
    assertThat(report.firstDifference()).isEqualTo(2);
    assertThat(report.describe()).contains("first difference at step 3: new-orders → existing-orders")
        .contains("differing path: existing-orders → goodbye → end");
  }

  @Test
  @Timeout(90)
  void anUnchangedFlow_takesTheSamePath() {
    WhatIf.Report report = WhatIf.run(history(), Path.of("flows"), 10);

    assertThat(report.differs()).as(report.describe()).isFalse();
  }

  @Test
  @Timeout(90)
  void anEncryptedHistory_givenItsKey_takesTheSamePath(@TempDir Path dir) throws Exception {
    Path keys = dir.resolve("keys");
    try (var in = WhatIfTest.class.getResourceAsStream("/corpus-payload-keys")) {
      Files.write(keys, in.readAllBytes());
    }
    Path history = Path.of("replay/src/test/resources/histories/encrypted/main-menu/sales-new-orders.json");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

    int status = ReplayMain.run(new String[] {"what-if", "--history=" + history, "--flows=flows",
        "--payload-keys-file=" + keys}, new java.io.PrintStream(out), new java.io.PrintStream(err));

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains("new-orders").contains("same path");
  }

  @Test
  void aCallWhoseGraphRequestsWereLocal_isReconstructedAsTheSameCallRecordedWithActivities() {
    List<HistoryCorpus.Entry> corpus = HistoryCorpus.fromClasspath("histories", CorpusKeys.KEYS);
    int pairs = 0;
    for (HistoryCorpus.Entry local : corpus) {
      if (!local.name().startsWith("local-activities/")) {
        continue;
      }
      var twin = corpus.stream().filter(e -> e.name().equals(local.name().substring("local-activities/".length())))
          .findFirst();
      if (twin.isEmpty()) {
        continue;
      }
      pairs++;
      CallerInputs fromMarkers = CallerInputs.of(local.history());
      CallerInputs fromActivities = CallerInputs.of(twin.get().history());
      assertThat(fromMarkers.timeline()).as(local.name()).extracting(CallerInputs.Input::kind, WhatIfTest::exactPart)
          .containsExactlyElementsOf(fromActivities.timeline().stream()
              .map(i -> org.assertj.core.groups.Tuple.tuple(i.kind(), exactPart(i))).toList());
      assertThat(waits(fromMarkers)).as(local.name() + ": the prompts and recordings the caller reacts to")
          .isEqualTo(waits(fromActivities));
    }
    assertThat(pairs).as("histories recorded both ways").isGreaterThanOrEqualTo(20);
  }

  @Test
  @Timeout(90)
  void aCallWhoseGraphRequestsWereLocal_takesTheSamePathOnAnUnchangedFlow() {
    List<HistoryCorpus.Entry> corpus = HistoryCorpus.fromClasspath("histories", CorpusKeys.KEYS);
    WorkflowExecutionHistory local = corpus.stream().filter(e -> e.name().equals("local-activities/" + HISTORY))
        .findFirst().orElseThrow().history();

    WhatIf.Report report = WhatIf.run(local, Path.of("flows"), 10);

    assertThat(report.oldPath()).containsExactly("menu", "sales", "new-orders", "goodbye", "end");
    assertThat(report.differs()).as(report.describe()).isFalse();
  }

  /** A key, a hang-up, or a speech's completion reason (its length is an estimate from timings). */
  private static String exactPart(CallerInputs.Input input) {
    return input.kind().equals("speech") ? input.detail().replaceAll("^[0-9.]+ s ", "") : input.detail();
  }

  private static List<String> waits(CallerInputs inputs) {
    List<String> waits = new java.util.ArrayList<>();
    var matcher = java.util.regex.Pattern.compile("\\{\"waitFor\":\"(\\w+)\"").matcher(inputs.script().toJson().toString());
    while (matcher.find()) {
      waits.add(matcher.group(1));
    }
    return waits;
  }

  private static WorkflowExecutionHistory history() {
    List<HistoryCorpus.Entry> corpus = HistoryCorpus.fromClasspath("histories", CorpusKeys.KEYS);
    return corpus.stream().filter(e -> e.name().equals(HISTORY)).findFirst().orElseThrow().history();
  }

  private static Path copyOf(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return to;
  }
}
