package dev.ivr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.call.CallWorkflowImpl;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The guard of every interpreter change: each stored call history must replay against the current
 * workflow code. A failure names each history that no longer replays and why; see docs/replay.md.
 */
class CorpusReplayTest {

  @Test
  @Timeout(120)
  void everyStoredHistory_replaysAgainstTheCurrentInterpreter() {
    List<HistoryCorpus.Entry> corpus = HistoryCorpus.fromClasspath("histories");
    assertThat(corpus).as("histories under replay/src/test/resources/histories").isNotEmpty();

    CorpusReplay.Report report = CorpusReplay.replay(corpus, CallWorkflowImpl.class);

    assertThat(report.failures())
        .as("%s%nGuard the change with Workflow.getVersion (docs/replay.md)", report.describe())
        .isEmpty();
  }
}
