package dev.ivr.api.outbound;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbound calls ({@code ivr.outbound.*}).
 *
 * @param sourceApplicationInstance the bot's resource account (application instance) object id that
 *     calls are placed from (Graph requires one for PSTN targets); optional: a phone target without it
 *     is refused
 * @param tenantId the tenant calls are placed in; optional
 * @param maxCallsPerSecond the rate cap: new outbound calls per second this api accepts (a token bucket;
 *     several api instances each have their own, so divide the app's rate by their number)
 * @param burst how many calls may come at once before the rate cap applies
 */
@ConfigurationProperties("ivr.outbound")
public record OutboundProperties(String sourceApplicationInstance, String tenantId,
    @DefaultValue("10") double maxCallsPerSecond, @DefaultValue("10") int burst) {
  public OutboundProperties {
    sourceApplicationInstance = blankToNull(sourceApplicationInstance);
    tenantId = blankToNull(tenantId);
    if (!(maxCallsPerSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("ivr.outbound.max-calls-per-second must be above 0 and burst at least 1, got "
          + maxCallsPerSecond + " and " + burst);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
