package dev.ivr.workflows.call;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.MediaRef;
import java.util.Map;

/**
 * Everything a call workflow needs, fixed at start: the Graph call, where its notifications go
 * ({@code callbackUri}, the api's webhook), the flow it runs (pinned by version), the prompt keys
 * resolved to media, and the timeouts. The workflow reads no configuration.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallInput(
    String callId,
    String tenantId,
    String direction,
    String callbackUri,
    Flow flow,
    Map<String, MediaRef> prompts,
    CallTimeouts timeouts) {
  public CallInput {
    CallIds.normalise(callId);
    if (flow == null) {
      throw new IllegalArgumentException("flow is required");
    }
    prompts = prompts == null ? Map.of() : Map.copyOf(prompts);
    timeouts = timeouts == null ? CallTimeouts.defaults() : timeouts;
  }
}
