package dev.ivr.api.flow;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code ivr.flows.dir}: the flows directory ({@code <dir>/<id>/flow.yaml}); {@code
 * ivr.flows.routing}: the routing table (called identity → flow id or alias, with a default).
 * Relative paths resolve against the working directory. {@code ivr.flows.max-file-size}: the largest
 * flow file {@code POST /api/flows/validate} reads (413 beyond).
 */
@ConfigurationProperties("ivr.flows")
public record FlowProperties(
    @DefaultValue("flows") String dir,
    @DefaultValue("flows/routing.yaml") String routing,
    @DefaultValue("1MB") DataSize maxFileSize) {
  public FlowProperties {
    if (maxFileSize == null || maxFileSize.toBytes() < 1024 || maxFileSize.toBytes() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("ivr.flows.max-file-size must be between 1KB and 2GB, got " + maxFileSize);
    }
    if (dir == null || dir.isBlank()) {
      throw new IllegalArgumentException("ivr.flows.dir must name the flows directory");
    }
    if (routing == null || routing.isBlank()) {
      throw new IllegalArgumentException("ivr.flows.routing must name the routing table (e.g. flows/routing.yaml)");
    }
  }
}
