package dev.ivr.api.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallStreamsTest {

  @Test
  void streamsAreBounded_acrossKeys() throws Exception {
    CallStreams streams = new CallStreams(new ConsoleProperties(Duration.ofSeconds(60), 2, Duration.ofMinutes(1), 50, 5));
    try {
      streams.subscribe("call:a", "snapshot", () -> "a", v -> false);
      streams.subscribe("call:a", "snapshot", () -> "a", v -> false);

      assertThatThrownBy(() -> streams.subscribe("call:b", "snapshot", () -> "b", v -> false))
          .isInstanceOf(CallStreams.TooManyStreamsException.class)
          .hasMessageContaining("ivr.console.max-streams");
      assertThat(streams.openStreams()).isEqualTo(2);
    } finally {
      streams.destroy();
    }
  }
}
