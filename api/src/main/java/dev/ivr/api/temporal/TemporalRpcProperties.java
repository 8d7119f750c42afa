package dev.ivr.api.temporal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ivr.temporal.rpc-timeout}: the longest a Temporal call (signal, signalWithStart) may take,
 * retries included (in practice up to about one more second, when gRPC is between reconnect
 * attempts). The SDK's default retries UNAVAILABLE for a minute; Graph wants its webhook answered
 * within about 5 s, and a quick 503 lets Graph redeliver instead of timing out. A healthy Temporal
 * takes milliseconds, so the default of 3 s only ever matters when Temporal is down.
 */
@ConfigurationProperties("ivr.temporal")
public record TemporalRpcProperties(@DefaultValue("3s") Duration rpcTimeout) {
  public TemporalRpcProperties {
    if (rpcTimeout == null || rpcTimeout.isNegative() || rpcTimeout.isZero()) {
      throw new IllegalArgumentException("ivr.temporal.rpc-timeout must be positive, got " + rpcTimeout);
    }
  }
}
