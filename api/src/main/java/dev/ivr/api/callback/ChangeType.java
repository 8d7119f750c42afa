package dev.ivr.api.callback;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Graph's {@code changeType}; read case-insensitively because real traffic sends "Created". */
public enum ChangeType {
  @JsonProperty("created")
  CREATED,
  @JsonProperty("updated")
  UPDATED,
  @JsonProperty("deleted")
  DELETED,
  @JsonEnumDefaultValue
  UNKNOWN
}
