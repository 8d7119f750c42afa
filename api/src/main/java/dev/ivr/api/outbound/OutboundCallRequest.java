package dev.ivr.api.outbound;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/calls}: call {@code target} (exactly one of an E.164 {@code phone} or a Teams
 * {@code user} object id) and run {@code flow} (a flow id or alias) with these initial
 * {@code variables}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
record OutboundCallRequest(Target target, String flow, Map<String, Object> variables) {
  OutboundCallRequest {
    variables = variables == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
  }

  /** Whom to call. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  record Target(String phone, String user) {}
}
