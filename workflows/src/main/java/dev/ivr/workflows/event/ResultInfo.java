package dev.ivr.workflows.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Graph's {@code resultInfo}: an HTTP-like code, a subcode that refines it, and a message. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResultInfo(int code, int subcode, String message) {
  @JsonIgnore
  public boolean isSuccess() {
    return code >= 200 && code < 300 || code == 0;
  }
}
