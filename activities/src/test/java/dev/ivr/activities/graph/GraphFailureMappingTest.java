package dev.ivr.activities.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphFailureMappingTest {

  @Test
  void retryAfterInFractionalSeconds() {
    assertThat(GraphFailureMapping.parseRetryAfter("2.128")).contains(Duration.ofMillis(2_128));
    assertThat(GraphFailureMapping.parseRetryAfter("3")).contains(Duration.ofSeconds(3));
    assertThat(GraphFailureMapping.parseRetryAfter("0.0005")).contains(Duration.ofMillis(1));
  }

  @Test
  void retryAfterAsHttpDate() {
    String inAMinute = ZonedDateTime.now().plusSeconds(60).format(DateTimeFormatter.RFC_1123_DATE_TIME);
    assertThat(GraphFailureMapping.parseRetryAfter(inAMinute)).hasValueSatisfying(
        d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(61)));
  }

  @Test
  void retryAfterNonsenseOrHugeValues() {
    assertThat(GraphFailureMapping.parseRetryAfter("soon")).isEmpty();
    assertThat(GraphFailureMapping.parseRetryAfter("-1")).isEmpty();
    assertThat(GraphFailureMapping.parseRetryAfter("1e12")).contains(Duration.ofMinutes(10));
  }

  @Test
  void retryAfterHeaderNameIsCaseInsensitive() {
    Map<String, Set<String>> headers = Map.of("retry-after", Set.of("1.5"));
    assertThat(GraphFailureMapping.retryAfter(headers)).isEqualTo(Optional.of(Duration.ofMillis(1_500)));
  }
}
