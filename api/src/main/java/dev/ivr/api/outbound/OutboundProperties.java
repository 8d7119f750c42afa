package dev.ivr.api.outbound;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Outbound calls: {@code ivr.outbound.source-application-instance}, the bot's resource account
 * (application instance) object id that calls are placed from (Graph requires one for PSTN
 * targets), and {@code ivr.outbound.tenant-id}, the tenant they are placed in. Both optional: a
 * phone target without a source application instance is refused.
 */
@ConfigurationProperties("ivr.outbound")
public record OutboundProperties(String sourceApplicationInstance, String tenantId) {
  public OutboundProperties {
    sourceApplicationInstance = blankToNull(sourceApplicationInstance);
    tenantId = blankToNull(tenantId);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
