package dev.ivr.workflows.call;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.MediaRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a call workflow needs, fixed at start: the Graph call, where its notifications go
 * ({@code callbackUri}, the api's webhook), the flow it runs and the subflows it calls (pinned by
 * version), the prompts resolved to media (keys {@code <locale>/<key>}, or bare keys), the initial
 * variables (e.g. those given to an outbound call), and the timeouts. The workflow reads no
 * configuration.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallInput(
    String callId,
    String tenantId,
    String direction,
    String callbackUri,
    Flow flow,
    Map<String, Flow> subflows,
    Map<String, MediaRef> prompts,
    Map<String, Object> variables,
    CallTimeouts timeouts) {
  public CallInput {
    CallIds.normalise(callId);
    if (flow == null) {
      throw new IllegalArgumentException("flow is required");
    }
    subflows = subflows == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(subflows));
    prompts = prompts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(prompts));
    variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    timeouts = timeouts == null ? CallTimeouts.defaults() : timeouts;
  }

  public CallInput(String callId, String tenantId, String direction, String callbackUri, Flow flow,
      Map<String, MediaRef> prompts, CallTimeouts timeouts) {
    this(callId, tenantId, direction, callbackUri, flow, null, prompts, null, timeouts);
  }
}
