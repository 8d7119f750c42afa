package dev.ivr.workflows.graph;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.ivr.workflows.flow.MediaRef;
import java.util.List;

/** Play up to 20 prompts; {@code clientContext} correlates the completion with this step. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlayPrompt(String callId, String clientContext, List<MediaRef> prompts) {
  public PlayPrompt {
    prompts = List.copyOf(prompts);
  }
}
