package dev.ivr.api.flow;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ivr.flows.dir}: the flows directory ({@code <dir>/<id>/flow.yaml}); {@code
 * ivr.flows.routing}: the routing table (called identity → flow id or alias, with a default).
 * Relative paths resolve against the working directory.
 */
@ConfigurationProperties("ivr.flows")
public record FlowProperties(@DefaultValue("flows") String dir, @DefaultValue("flows/routing.yaml") String routing) {
  public FlowProperties {
    if (dir == null || dir.isBlank()) {
      throw new IllegalArgumentException("ivr.flows.dir must name the flows directory");
    }
    if (routing == null || routing.isBlank()) {
      throw new IllegalArgumentException("ivr.flows.routing must name the routing table (e.g. flows/routing.yaml)");
    }
  }
}
