package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Records the caller with Graph {@code recordResponse} (optionally after one prompt), downloads the
 * recording at once, then goes to {@code next}. Without speech the flow goes to {@code noInput}, and
 * to {@code onError} when Graph fails the operation or no completion arrives; both default to {@code next}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordNode(String prompt, RecordSettings settings, String next, String noInput, String onError)
    implements FlowNode {
  public RecordNode {
    settings = settings == null ? RecordSettings.defaults() : settings;
    noInput = noInput == null ? next : noInput;
    onError = onError == null ? next : onError;
  }
}
