package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * Records the caller with Graph {@code recordResponse} (optionally after one prompt) and downloads
 * the recording at once. Its metadata goes into flow variables under {@code variable}
 * ({@code <variable>.location}, {@code .sizeBytes}, {@code .durationMillis}, {@code .sha256},
 * {@code .reason}).
 *
 * <p>Outcomes: {@code outcomes[reason]} when the flow routes the completion's reason (any of
 * Graph's record completion reasons, see flows/README.md); otherwise a recording goes to
 * {@code next}, no speech ({@code initialSilenceTimeout}) to {@code noInput} (default {@code next}),
 * and any other reason, or a failed download, to {@code onError} (default {@code next}). A hang-up
 * goes to the flow's {@code onHangup}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordNode(
    String prompt,
    RecordSettings settings,
    String variable,
    Map<String, String> outcomes,
    String next,
    String noInput,
    String onError)
    implements FlowNode {
  public RecordNode {
    settings = settings == null ? RecordSettings.defaults() : settings;
    outcomes = outcomes == null ? Map.of() : FlowMaps.ordered(outcomes);
    noInput = noInput == null ? next : noInput;
    onError = onError == null ? next : onError;
  }

  public RecordNode(String prompt, RecordSettings settings, String next, String noInput, String onError) {
    this(prompt, settings, null, null, next, noInput, onError);
  }
}
