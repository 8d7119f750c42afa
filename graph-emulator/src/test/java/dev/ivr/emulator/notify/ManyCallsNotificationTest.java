package dev.ivr.emulator.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.JournalEntry;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * More calls in flight than the emulator has notification threads: every notification is still
 * delivered. (The dispatcher's threads used to double as the HTTP client's executor, so 32 blocked
 * POSTs starved the client of the threads that complete them: every POST timed out.)
 */
class ManyCallsNotificationTest {

  @Test
  void sixtyCallsAtOnce_toASlowBot_everyCreatedNotificationIsAcknowledged() throws Exception {
    HttpServer bot = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    bot.createContext("/callback", ex -> {
      try (ex) {
        ex.getRequestBody().readAllBytes();
        Thread.sleep(200); // a bot that takes a while to acknowledge
        ex.sendResponseHeaders(202, -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    bot.setExecutor(Executors.newFixedThreadPool(64));
    bot.start();
    try (GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withNotificationRetries(0))) {
      String uri = "http://127.0.0.1:" + bot.getAddress().getPort() + "/callback";
      List<String> calls = new ArrayList<>();
      for (int i = 0; i < 60; i++) calls.add(emulator.raiseIncomingCall(IncomingCallSpec.to(uri)));

      assertThat(BotEndpoint.eventually(() -> calls.stream().allMatch(id -> emulator.journal(id).stream()
          .anyMatch(e -> e.isNotification() && e.status() != 0)))).isTrue();
      for (String id : calls) {
        assertThat(emulator.journal(id).stream().filter(JournalEntry::isNotification).map(JournalEntry::status))
            .as("call %s", id).containsOnly(202);
      }
    } finally {
      bot.stop(0);
      ((java.util.concurrent.ExecutorService) bot.getExecutor()).shutdownNow();
    }
  }
}
