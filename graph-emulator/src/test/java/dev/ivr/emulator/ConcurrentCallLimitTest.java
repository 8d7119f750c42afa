package dev.ivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrentCallLimitTest {

  final BotEndpoint bot = IncomingCallNotificationTest.newBot();

  @AfterEach
  void tearDown() {
    bot.close();
  }

  @Test
  void outboundCreateBeyondTheConcurrentCallLimit_is429() {
    try (GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withMaxConcurrentCalls(2))) {
      var http = new GraphHttp(emulator);
      String body = GraphSdkOutboundCallTest.rawOutbound(bot.callbackUri(), "+14255550100", true);
      assertThat(http.post("/communications/calls", body).statusCode()).isEqualTo(201);
      assertThat(http.post("/communications/calls", body).statusCode()).isEqualTo(201);
      var third = http.post("/communications/calls", body);
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(GraphHttp.json(third.body()).at("/error/code").asText()).isEqualTo("TooManyRequests");
    }
  }
}
