package dev.ivr.workflows.call;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Duration;

/**
 * How long the workflow waits for each Graph event before it gives up. Every wait has a bound,
 * because Graph may never send a notification (for example, no record completion on hang-up).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallTimeouts(Duration established, Duration mediaMargin, Duration terminated) {
  public static CallTimeouts defaults() {
    return new CallTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(15));
  }
}
