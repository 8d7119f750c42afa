package dev.ivr.workflows.call;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Where an outbound call with a retry schedule is (the {@code attempts} of its snapshot): attempt
 * {@code attempt} of at most {@code of}, the next one due at {@code nextAttemptAtMillis} (workflow
 * time; null unless it is waiting) and the attempts made so far.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallAttempts(int attempt, int of, Long nextAttemptAtMillis, List<CallAttempt> attempts) {
  public CallAttempts {
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }
}
