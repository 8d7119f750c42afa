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
    assertThat(dev.ivr.activities.RetryAfter.parse("2.128")).contains(Duration.ofMillis(2_128));
    assertThat(dev.ivr.activities.RetryAfter.parse("3")).contains(Duration.ofSeconds(3));
    assertThat(dev.ivr.activities.RetryAfter.parse("0.0005")).contains(Duration.ofMillis(1));
  }

  @Test
  void retryAfterAsHttpDate() {
    String inAMinute = ZonedDateTime.now().plusSeconds(60).format(DateTimeFormatter.RFC_1123_DATE_TIME);
    assertThat(dev.ivr.activities.RetryAfter.parse(inAMinute)).hasValueSatisfying(
        d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(61)));
  }

  @Test
  void retryAfterNonsenseOrHugeValues() {
    assertThat(dev.ivr.activities.RetryAfter.parse("soon")).isEmpty();
    assertThat(dev.ivr.activities.RetryAfter.parse("-1")).isEmpty();
    assertThat(dev.ivr.activities.RetryAfter.parse("1e12")).contains(Duration.ofMinutes(10));
  }

  @Test
  void retryAfterHeaderNameIsCaseInsensitive() {
    Map<String, Set<String>> headers = Map.of("retry-after", Set.of("1.5"));
    assertThat(GraphFailureMapping.retryAfter(headers)).isEqualTo(Optional.of(Duration.ofMillis(1_500)));
  }
}
