package dev.ivr.api.flow;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ivr.flows.default-flow}: the YAML flow that every incoming call runs until flows are
 * routed per number (relative paths resolve against the working directory).
 */
@ConfigurationProperties("ivr.flows")
public record FlowProperties(@DefaultValue("flows/voicemail/flow.yaml") String defaultFlow) {
  public FlowProperties {
    if (defaultFlow == null || defaultFlow.isBlank()) {
      throw new IllegalArgumentException("ivr.flows.default-flow must name a flow file");
    }
  }
}
