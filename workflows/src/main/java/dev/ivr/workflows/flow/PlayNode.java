package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** Plays one or more prompts (by prompt key) in order, then goes to {@code next}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlayNode(List<String> prompts, String next) implements FlowNode {
  public PlayNode {
    prompts = List.copyOf(prompts);
    if (prompts.isEmpty() || prompts.size() > 20) {
      throw new IllegalArgumentException("play needs 1 to 20 prompts, Graph's limit");
    }
  }
}
