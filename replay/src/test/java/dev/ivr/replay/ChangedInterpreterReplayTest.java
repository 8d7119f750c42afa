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

  /**
   * A play before every record breaks every history that recorded, and no other. For calls whose Graph
   * requests were local activities (change {@code graph-local-activities}) the SDK matches a request to
   * its marker without comparing the request's type, so the changed request itself goes unnoticed; what
   * breaks is the next command that is not a local activity (a timer, an upsert, the download). A call
   * after whose record only local Graph requests follow (the caller hung up, or left nothing to download
   * and heard goodbye) therefore still replays: the two such histories of the corpus are named here, so
   * that a new one is looked at (docs/replay.md).
   */
  @Test
  @Timeout(60)
  void aNoticeBeforeEveryRecording_breaksOnlyTheHistoriesThatRecorded() {
    List<String> recordedByActivity = corpus.stream().filter(e -> e.history().getEvents().stream()
            .anyMatch(ev -> ev.hasActivityTaskScheduledEventAttributes()
                && ev.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("RecordResponse")))
        .map(HistoryCorpus.Entry::name).toList();
    List<String> recordedByLocalActivity = corpus.stream().filter(e -> e.history().getEvents().stream()
            .anyMatch(ev -> ev.hasMarkerRecordedEventAttributes()
                && ev.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity")
                && ev.getMarkerRecordedEventAttributes().getDetailsMap().containsKey("type")
                && ev.getMarkerRecordedEventAttributes().getDetailsMap().get("type").getPayloads(0).getData()
                    .toStringUtf8().equals("\"RecordResponse\"")))
        .map(HistoryCorpus.Entry::name).toList();
    assertThat(recordedByActivity).as("the corpus has calls that record and calls that do not").isNotEmpty()
        .hasSizeLessThan(corpus.size());
    assertThat(recordedByLocalActivity).as("calls that recorded with local Graph requests").isNotEmpty();

    CorpusReplay.Report report = CorpusReplay.replay(corpus, CorpusKeys.KEYS, RecordNoticeCallWorkflow.class);

    List<String> broken = report.failures().stream().map(CorpusReplay.Failure::name).toList();
    assertThat(broken).as("every call that recorded through an activity breaks").containsAll(recordedByActivity);
    assertThat(broken).as("no call that never recorded breaks")
        .allMatch(n -> recordedByActivity.contains(n) || recordedByLocalActivity.contains(n));
    assertThat(recordedByLocalActivity.stream().filter(n -> !broken.contains(n)).toList())
        .as("local-request calls that recorded and still replay: only local Graph requests follow the record")
        .containsExactlyInAnyOrder("local-activities/after-hours/christmas-day.json",
            "local-activities/voicemail/hangs-up-mid-record.json");
    // an activity's or a timer's mismatch is a NonDeterministicException; a local request's marker that
    // no longer fits fails the replay's workflow task on that marker event
    assertThat(report.failures()).allSatisfy(f -> assertThat(f.reason()).containsAnyOf("NonDeterministic",
        "Failure handling event"));
  }
}
