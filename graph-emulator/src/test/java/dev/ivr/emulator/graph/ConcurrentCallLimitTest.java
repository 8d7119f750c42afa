package dev.ivr.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrentCallLimitTest {

  final BotEndpoint bot = BotEndpoint.start();

  @AfterEach
  void tearDown() {
    bot.close();
  }

  @Test
  void outboundCreateBeyondTheConcurrentCallLimit_is429() {
    try (GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withMaxConcurrentCalls(2))) {
      var http = new GraphHttp(emulator);
      String body = GraphHttp.rawOutbound(bot.callbackUri(), "+14255550100", true);
      assertThat(http.post("/communications/calls", body).statusCode()).isEqualTo(201);
      assertThat(http.post("/communications/calls", body).statusCode()).isEqualTo(201);
      var third = http.post("/communications/calls", body);
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(GraphHttp.json(third.body()).at("/error/code").asText()).isEqualTo("TooManyRequests");
    }
  }
}
