package dev.ivr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.codec.PayloadKeys;
import dev.ivr.workflows.call.CallWorkflowImpl;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The guard of every interpreter change: each stored call history must replay against the current
 * workflow code, the plain ones written before the payload codec and the encrypted ones
 * ({@code histories/encrypted/}, read with the corpus's test key). A failure names each history that no
 * longer replays and why; see docs/replay.md.
 */
class CorpusReplayTest {

  @Test
  @Timeout(120)
  void everyStoredHistory_replaysAgainstTheCurrentInterpreter() {
    List<HistoryCorpus.Entry> corpus = HistoryCorpus.fromClasspath("histories", CorpusKeys.KEYS);
    assertThat(corpus).as("histories under replay/src/test/resources/histories").isNotEmpty();
    assertThat(corpus).as("plain and encrypted histories")
        .anyMatch(e -> e.name().startsWith("encrypted/")).anyMatch(e -> !e.name().startsWith("encrypted/"));

    CorpusReplay.Report report = CorpusReplay.replay(corpus, CorpusKeys.KEYS, CallWorkflowImpl.class);

    assertThat(report.failures())
        .as("%s%nGuard the change with Workflow.getVersion (docs/replay.md)", report.describe())
        .isEmpty();
  }

  @Test
  @Timeout(120)
  void anEncryptedHistory_withoutItsKey_failsNamingTheKey() {
    List<HistoryCorpus.Entry> encrypted = HistoryCorpus.fromClasspath("histories", CorpusKeys.KEYS).stream()
        .filter(e -> e.name().startsWith("encrypted/main-menu/")).toList();

    CorpusReplay.Report report = CorpusReplay.replay(encrypted, PayloadKeys.NONE, CallWorkflowImpl.class);

    assertThat(report.failures()).hasSize(encrypted.size())
        .allSatisfy(f -> assertThat(f.reason()).contains("key id 'corpus-1'"));
  }
}
