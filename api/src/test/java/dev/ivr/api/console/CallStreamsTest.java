package dev.ivr.api.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
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

  @Test
  void aSubscriberJoiningAsTheLastOneLeaves_isServedByAnOpenTopic() {
    CallStreams streams = new CallStreams(new ConsoleProperties(Duration.ofSeconds(60), 5, Duration.ofMinutes(1), 50, 5));
    try {
      SseEmitter first = streams.subscribe("call:a", "snapshot", () -> "a", v -> false);
      // the last subscriber leaves after the newcomer found the topic, before it joined: the topic closes
      streams.beforeJoin = () -> {
        streams.beforeJoin = () -> {};
        streams.leave("call:a", first);
      };
      SseEmitter second = streams.subscribe("call:a", "snapshot", () -> "a", v -> false);

      assertThat(streams.isServed("call:a", first)).isFalse();
      assertThat(streams.isServed("call:a", second)).isTrue();
      assertThat(streams.openStreams()).isEqualTo(1);
    } finally {
      streams.destroy();
    }
  }
}
