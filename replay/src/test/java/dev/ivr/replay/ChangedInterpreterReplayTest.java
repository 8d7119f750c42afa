package dev.ivr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Proof that the guard works: the corpus replayed against interpreters that someone changed without
 * {@code Workflow.getVersion} fails, naming exactly the histories the change affects.
 */
class ChangedInterpreterReplayTest {
  private final List<HistoryCorpus.Entry> corpus = HistoryCorpus.fromClasspath("histories", CorpusKeys.KEYS);

  @Test
  @Timeout(60)
  void aPauseBeforeAnswering_breaksEveryHistory() {
    CorpusReplay.Report report = CorpusReplay.replay(corpus, CorpusKeys.KEYS, PauseBeforeAnswerCallWorkflow.class);

    assertThat(report.failures()).extracting(CorpusReplay.Failure::name)
        .containsExactlyElementsOf(corpus.stream().map(HistoryCorpus.Entry::name).toList());
    assertThat(report.failures()).allSatisfy(f -> assertThat(f.reason()).contains("NonDeterministic"));
    assertThat(report.describe()).contains("voicemail/stop-tone.json");
  }

  @Test
  @Timeout(60)
  void theSameChangeGuardedByGetVersion_replaysEveryHistory() {
    CorpusReplay.Report report = CorpusReplay.replay(corpus, CorpusKeys.KEYS, GuardedPauseBeforeAnswerCallWorkflow.class);

    assertThat(report.failures()).as(report.describe()).isEmpty();
  }

  @Test
  @Timeout(60)
  void aNoticeBeforeEveryRecording_breaksOnlyTheHistoriesThatRecorded() {
    List<String> recorded = corpus.stream().filter(e -> e.history().getEvents().stream()
            .anyMatch(ev -> ev.hasActivityTaskScheduledEventAttributes()
                && ev.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("RecordResponse")))
        .map(HistoryCorpus.Entry::name).toList();
    assertThat(recorded).as("the corpus has calls that record and calls that do not").isNotEmpty()
        .hasSizeLessThan(corpus.size());

    CorpusReplay.Report report = CorpusReplay.replay(corpus, CorpusKeys.KEYS, RecordNoticeCallWorkflow.class);

    assertThat(report.failures()).extracting(CorpusReplay.Failure::name).containsExactlyElementsOf(recorded);
    assertThat(report.failures()).allSatisfy(f -> assertThat(f.reason()).contains("NonDeterministic"));
  }
}
