package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Collects a DTMF string into {@code variable}.
 *
 * <ul>
 *   <li>Plays {@code prompt} (keys pressed during it are kept: the type-ahead buffer; with
 *       {@code bargeIn} the first key also cancels the prompt).
 *   <li>Ends on {@code terminator} (not stored), on {@code maxDigits}, or when
 *       {@code interDigitTimeoutSeconds} pass after a key with at least {@code minDigits}.
 *   <li>No key within {@code firstDigitTimeoutSeconds} is a no-input; fewer than {@code minDigits}
 *       or a mismatch with {@code pattern} (a Java regex over the whole string) is a no-match.
 *   <li>No-input and no-match play their prompt and retry, up to {@code maxAttempts} in all; then
 *       the flow goes to {@code onNoInput} / {@code onNoMatch} (default {@code onError}).
 *   <li>{@code secure}: the digits are a secret (a PIN): the variable is redacted wherever operators look,
 *       and never shown decrypted (see {@link Flow#secureVariables()}).
 * </ul>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CollectDigitsNode(
    String prompt,
    String variable,
    Integer minDigits,
    Integer maxDigits,
    String terminator,
    Integer firstDigitTimeoutSeconds,
    Integer interDigitTimeoutSeconds,
    String pattern,
    Integer maxAttempts,
    String noInputPrompt,
    String noMatchPrompt,
    Boolean bargeIn,
    String next,
    String onNoInput,
    String onNoMatch,
    String onError,
    Boolean secure)
    implements FlowNode {
  public CollectDigitsNode {
    if (variable == null || variable.isBlank()) {
      throw new IllegalArgumentException("collectDigits needs a variable to store the digits in");
    }
    minDigits = minDigits == null ? 1 : minDigits;
    maxDigits = maxDigits == null ? 20 : maxDigits;
    if (minDigits < 1 || maxDigits < minDigits) {
      throw new IllegalArgumentException("collectDigits needs 1 <= minDigits <= maxDigits, got " + minDigits + ".." + maxDigits);
    }
    if (terminator != null && !terminator.matches("[0-9*#]")) {
      throw new IllegalArgumentException("terminator must be one DTMF key 0-9, * or #, got '" + terminator + "'");
    }
    firstDigitTimeoutSeconds = firstDigitTimeoutSeconds == null ? 5 : firstDigitTimeoutSeconds;
    interDigitTimeoutSeconds = interDigitTimeoutSeconds == null ? 3 : interDigitTimeoutSeconds;
    maxAttempts = maxAttempts == null ? 3 : maxAttempts;
    bargeIn = bargeIn == null || bargeIn;
    onNoInput = onNoInput == null ? onError : onNoInput;
    onNoMatch = onNoMatch == null ? onError : onNoMatch;
    secure = secure != null && secure;
  }

  /** A node whose digits are not secure. */
  public CollectDigitsNode(String prompt, String variable, Integer minDigits, Integer maxDigits, String terminator,
      Integer firstDigitTimeoutSeconds, Integer interDigitTimeoutSeconds, String pattern, Integer maxAttempts,
      String noInputPrompt, String noMatchPrompt, Boolean bargeIn, String next, String onNoInput, String onNoMatch,
      String onError) {
    this(prompt, variable, minDigits, maxDigits, terminator, firstDigitTimeoutSeconds, interDigitTimeoutSeconds,
        pattern, maxAttempts, noInputPrompt, noMatchPrompt, bargeIn, next, onNoInput, onNoMatch, onError, false);
  }
}
