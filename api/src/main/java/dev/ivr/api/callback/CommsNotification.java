package dev.ivr.api.callback;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One Graph {@code commsNotification}. {@code resourceData} is one entity (a call, an operation) or
 * an array (a participants roster), so it is always read as a list. {@code resource} is the legacy
 * {@code /app/calls/{id}} path that real traffic still carries next to {@code resourceUrl}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CommsNotification(
    ChangeType changeType,
    String resourceUrl,
    String resource,
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<ResourceData> resourceData,
    String callbackUri) {

  public CommsNotification {
    changeType = changeType == null ? ChangeType.UNKNOWN : changeType;
    resourceData = resourceData == null ? List.of() : resourceData.stream().filter(d -> d != null).toList();
  }

  /** The single entity this notification is about, or null for none or a roster. */
  public ResourceData entity() {
    return resourceData.size() == 1 ? resourceData.get(0) : null;
  }
}
