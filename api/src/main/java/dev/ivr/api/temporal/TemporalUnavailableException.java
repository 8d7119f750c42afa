package dev.ivr.api.temporal;

/**
 * Temporal could not be reached, or refused for a reason a retry may fix: nothing was persisted.
 * The webhook answers 503 with {@code Retry-After} (Graph redelivers); the REST api answers 503.
 */
public class TemporalUnavailableException extends RuntimeException {
  public TemporalUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public TemporalUnavailableException(Throwable cause) {
    super(cause.getMessage(), cause);
  }
}
