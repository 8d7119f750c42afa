package dev.ivr.api;

import dev.ivr.workflows.call.CallTimeouts;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Test knobs of new calls ({@code ivr.calls.*}), both off in production.
 *
 * @param timeScale how many times faster than real time calls run (flow tests against the emulator use
 *     e.g. 10; production 1); it goes into every new call's input as {@link CallTimeouts#timeScale()}
 * @param clock the instant a new call's {@code businessHours} nodes take as "now" when it starts (flow
 *     tests of opening hours on a real Temporal server, whose clock cannot be set); null: the real time.
 *     It goes into the call's input as {@link CallTimeouts#clockOffsetMillis()}
 */
@ConfigurationProperties("ivr.calls")
public record CallProperties(@DefaultValue("1.0") double timeScale, Instant clock) {
  public CallProperties {
    if (!(timeScale > 0) || timeScale > 1000) {
      throw new IllegalArgumentException("ivr.calls.time-scale must be within (0, 1000], got " + timeScale);
    }
  }

  /** The timeouts of a new call: the defaults, scaled, and its business-hours clock. */
  public CallTimeouts timeouts() {
    long offset = clock == null ? 0 : clock.toEpochMilli() - System.currentTimeMillis();
    return new CallTimeouts(null, null, null, timeScale, offset);
  }
}
