package dev.ivr.api.callback;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Graph's {@code commsNotifications} envelope: one POST may batch several notifications. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CommsNotifications(List<CommsNotification> value) {
  public CommsNotifications {
    value = value == null ? null : value.stream().filter(n -> n != null).toList();
  }
}
