package dev.ivr.workflows.external;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Download links of an http node's request: the flow's {@code recordingDownloadUrl(message)} left
 * placeholders ({@link dev.ivr.workflows.flow.expr.DownloadPlaceholders}) that the http activity
 * replaces with freshly signed, expiring URLs under {@code apiBaseUrl} when it sends the request, so
 * the signed URL is never in history. Only {@code locations} (the call's own recordings) are signed:
 * a placeholder naming anything else fails the request.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordingDownloads(String apiBaseUrl, List<String> locations) {
  public RecordingDownloads {
    locations = locations == null ? List.of() : List.copyOf(locations);
  }
}
