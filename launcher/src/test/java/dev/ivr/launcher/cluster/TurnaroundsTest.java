package dev.ivr.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.launcher.cluster.JournalRow.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stall measure of the cluster's fault tests, on hand-made journals (runs in the default build). */
class TurnaroundsTest {
  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  private static JournalRow request(double seconds) {
    return new JournalRow(Kind.REQUEST, "POST", "/v1.0/communications/calls/x/playPrompt", 200, null, at(seconds));
  }

  private static JournalRow notification(String messageId, double seconds, int status) {
    return new JournalRow(Kind.NOTIFICATION, "POST", "http://127.0.0.1:1/callbacks/calling", status, messageId,
        at(seconds));
  }

  private static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  @Test
  void aRetriedNotification_countsFromItsFirstAttempt() {
    List<Turnarounds.Turnaround> t = Turnarounds.of(List.of(
        notification("m1", 1.0, 503), notification("m1", 4.0, 503), notification("m1", 9.0, 202), request(9.5)));
    assertThat(t).singleElement().extracting(Turnarounds.Turnaround::length).isEqualTo(Duration.ofMillis(8500));
  }

  @Test
  void theLatestNotificationBeforeARequest_isTheOneAnswered_andARequestWithoutOneIsNoTurnaround() {
    List<Turnarounds.Turnaround> t = Turnarounds.of(List.of(
        request(0.0), notification("a", 1.0, 202), notification("b", 2.0, 202), request(2.2), request(3.0)));
    assertThat(t).singleElement().satisfies(one -> {
      assertThat(one.notified()).isEqualTo(at(2.0));
      assertThat(one.length()).isEqualTo(Duration.ofMillis(200));
    });
  }

  @Test
  void longestDuring_onlyCountsWaitsThatOverlapTheOutage() {
    List<Turnarounds.Turnaround> t = Turnarounds.of(List.of(
        notification("a", 0.0, 202), request(5.0),      // a long wait before the outage
        notification("b", 10.0, 202), request(13.0),    // overlaps [12, 20]
        notification("c", 30.0, 202), request(30.1)));  // after it
    assertThat(Turnarounds.longestDuring(t, at(12), at(20))).isEqualTo(Duration.ofSeconds(3));
    assertThat(Turnarounds.longest(t)).isEqualTo(Duration.ofSeconds(5));
    assertThat(Turnarounds.longestDuring(t, at(40), at(50))).isEqualTo(Duration.ZERO);
  }

  @Test
  void journalOrder_doesNotMatter() {
    List<Turnarounds.Turnaround> t = Turnarounds.of(List.of(request(2.0), notification("a", 1.0, 202)));
    assertThat(t).singleElement().extracting(Turnarounds.Turnaround::length).isEqualTo(Duration.ofSeconds(1));
  }
}
