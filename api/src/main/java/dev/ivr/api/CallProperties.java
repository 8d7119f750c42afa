package dev.ivr.api;

import dev.ivr.workflows.call.CallTimeouts;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ivr.calls.time-scale}: how many times faster than real time calls run (flow tests against
 * the emulator use e.g. 10; production 1). It goes into every new call's input as
 * {@link CallTimeouts#timeScale()}.
 */
@ConfigurationProperties("ivr.calls")
public record CallProperties(@DefaultValue("1.0") double timeScale) {
  public CallProperties {
    if (!(timeScale > 0) || timeScale > 1000) {
      throw new IllegalArgumentException("ivr.calls.time-scale must be within (0, 1000], got " + timeScale);
    }
  }

  /** The timeouts of a new call: the defaults, scaled. */
  public CallTimeouts timeouts() {
    return new CallTimeouts(null, null, null, timeScale);
  }
}
