package dev.ivr.api.callback;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The Graph notification webhook: {@code ivr.callback.path} (also the path of the callbackUri that
 * calls are given), the largest body and the most notifications one POST may carry, and the
 * {@code Retry-After} sent with a 503 when Temporal cannot be reached.
 */
@ConfigurationProperties("ivr.callback")
public record CallbackProperties(
    @DefaultValue("/callbacks/calling") String path,
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue("100") int maxNotifications,
    @DefaultValue("5s") Duration retryAfter) {

  public CallbackProperties {
    if (path == null || !path.matches("/[A-Za-z0-9/_.-]*")) {
      throw new IllegalArgumentException("ivr.callback.path must be an absolute URL path, got '" + path + "'");
    }
    if (maxBodySize == null || maxBodySize.toBytes() < 1024 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("ivr.callback.max-body-size must be between 1KB and 2GB, got " + maxBodySize);
    }
    if (maxNotifications < 1) {
      throw new IllegalArgumentException("ivr.callback.max-notifications must be at least 1, got " + maxNotifications);
    }
    if (retryAfter == null || retryAfter.isNegative()) {
      throw new IllegalArgumentException("ivr.callback.retry-after must not be negative, got " + retryAfter);
    }
  }

  long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
