package dev.ivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JournalTest {

  @RegisterExtension
  static GraphEmulatorExtension graph = new GraphEmulatorExtension(EmulatorConfig.defaults().withTimeScale(20));

  final BotEndpoint bot = IncomingCallNotificationTest.newBot();

  @AfterEach
  void tearDown() {
    bot.close();
  }

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
    assertThat(Duration.ZERO).isNotNull();
  }
}
