package dev.ivr.emulator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.CallTestSupport;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.JournalEntry;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalTest extends CallTestSupport {

  @Test
  void journal_recordsEveryBotRequestAndNotificationOfACall_withTimestamps() {
    GraphEmulator emulator = graph.emulator();
    var http = new GraphHttp(emulator);
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
    GraphHttp.answerAndEstablish(http, bot, callId);
    http.post("/communications/calls/" + callId + "/recordResponse", GraphHttp.record("\"maxRecordDurationInSeconds\":200"));
    var entries = emulator.journal(callId);
    var requests = entries.stream().filter(JournalEntry::isRequest).toList();
    assertThat(requests).extracting(JournalEntry::method, JournalEntry::path, JournalEntry::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple("POST", "/v1.0/communications/calls/" + callId + "/answer", 202),
        org.assertj.core.groups.Tuple.tuple("POST", "/v1.0/communications/calls/" + callId + "/recordResponse", 400));
    assertThat(requests.get(1).body()).contains("maxRecordDurationInSeconds");
    assertThat(entries.stream().filter(JournalEntry::isNotification)).hasSizeGreaterThanOrEqualTo(3);
    assertThat(entries).allSatisfy(e -> {
      assertThat(e.endNanos()).isGreaterThanOrEqualTo(e.startNanos());
      assertThat(e.at()).isNotNull();
    });
  }

  @Test
  void turnarounds_measureFromANotificationSentToTheNextRequestOnThatCall() {
    GraphEmulator emulator = graph.emulator();
    var http = new GraphHttp(emulator);
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
    bot.awaitIncoming();
    http.post("/communications/calls/" + callId + "/answer", GraphHttp.answerBody());
    bot.awaitCall(callId, "updated", "established");
    http.post("/communications/calls/" + callId + "/subscribeToTone", "{}");
    var t = emulator.turnarounds(callId);
    assertThat(t).hasSize(2).allSatisfy(d -> assertThat(d).isPositive());
    var admin = GraphHttp.json(http.admin("GET", "/admin/turnarounds?callId=" + callId, null).body());
    assertThat(admin.get("turnaroundsMillis")).hasSize(2);
    var journal = GraphHttp.json(http.admin("GET", "/admin/journal?callId=" + callId, null).body());
    assertThat(journal.size()).isGreaterThanOrEqualTo(5);
    assertThat(emulator.turnarounds()).isNotEmpty();
    var entries = emulator.journal(callId);
    List<Duration> sinceLatestNotification = entries.stream().filter(JournalEntry::isRequest)
        .map(request -> entries.stream()
            .filter(n -> n.isNotification() && n.startNanos() < request.startNanos())
            .max(Comparator.comparingLong(JournalEntry::startNanos))
            .map(n -> Duration.ofNanos(request.startNanos() - n.startNanos()))
            .orElseThrow())
        .toList();
    assertThat(t).as("answer after created, subscribeToTone after established")
        .containsExactlyElementsOf(sinceLatestNotification);
  }
}
