package dev.ivr.emulator.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.JournalEntry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotificationDeliveryTest {

  final BotEndpoint bot = BotEndpoint.start();

  @AfterEach
  void tearDown() {
    bot.close();
  }

  @Test
  void non2xxAnswer_isRetriedWithTheSameMessageId() {
    try (GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20).withNotificationRetries(2))) {
      bot.respondWith(n -> n == 1 ? 500 : 202);
      String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
      bot.awaitIncoming();
      assertThat(BotEndpoint.eventually(() -> emulator.journal(callId).stream()
          .filter(e -> e.isNotification() && e.status() == 202).count() == 1)).isTrue();
      var attempts = emulator.journal(callId).stream().filter(JournalEntry::isNotification).toList();
      assertThat(attempts).hasSizeGreaterThanOrEqualTo(2);
      assertThat(attempts.get(0).status()).isEqualTo(500);
      assertThat(attempts.get(1).status()).isEqualTo(202);
      assertThat(attempts.get(1).messageId()).isEqualTo(attempts.get(0).messageId());
    }
  }

  @Test
  void incomingNotificationNeverAcknowledged_endsTheCallWith480_10076() {
    try (GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20).withNotificationRetries(1))) {
      bot.respondWith(n -> 503);
      String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
      assertThat(emulator.awaitCallEnded(callId, Duration.ofSeconds(10))).isTrue();
      var view = emulator.call(callId);
      assertThat(view.endCode()).isEqualTo(480);
      assertThat(view.endSubcode()).isEqualTo(10076);
    }
  }

  @Test
  void aCallsNotifications_areDeliveredInOrder() {
    try (GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20))) {
      var http = new GraphHttp(emulator);
      String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()));
      GraphHttp.answerAndEstablish(http, bot, callId);
      http.post("/communications/calls/" + callId + "/subscribeToTone", "{}");
      emulator.pressKeys(callId, "1234567890");
      bot.await(i -> i.data().path("toneInfo").path("sequenceId").asInt() == 10, Duration.ofSeconds(10));
      List<Integer> seq = bot.items(callId).stream().filter(i -> i.data().path("toneInfo").isObject())
          .map(i -> i.data().path("toneInfo").path("sequenceId").asInt()).toList();
      assertThat(seq).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }
  }

  @Test
  void botAnswering302_movesTheCallsCallbacksToTheLocation() throws Exception {
    try (GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20));
        var redirector = new Redirector(bot.callbackUri())) {
      var http = new GraphHttp(emulator);
      String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(redirector.uri()));
      bot.awaitIncoming();
      http.post("/communications/calls/" + callId + "/answer", GraphHttp.answerBody());
      bot.awaitCall(callId, "updated", "established");
      assertThat(emulator.call(callId).callbackUri()).isEqualTo(bot.callbackUri());
      assertThat(redirector.hits.get()).isEqualTo(1);
    }
  }

  /** Answers 302 to everything. */
  static final class Redirector implements AutoCloseable {
    final com.sun.net.httpserver.HttpServer server;
    final java.util.concurrent.atomic.AtomicInteger hits = new java.util.concurrent.atomic.AtomicInteger();

    Redirector(String location) throws java.io.IOException {
      server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 10);
      server.createContext("/", ex -> {
        ex.getRequestBody().readAllBytes();
        hits.incrementAndGet();
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
      });
      server.start();
    }

    String uri() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
