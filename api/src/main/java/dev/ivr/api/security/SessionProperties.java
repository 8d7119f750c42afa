package dev.ivr.api.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The console's signed-in sessions ({@code ivr.security.session.*}).
 * A session also ends after {@code server.servlet.session.timeout} without a request (Spring Boot's
 * own key; 30 minutes here).
 *
 * @param session {@code max-age}: a session ends this long after sign-in began, however busy (default 8 h)
 */
@ConfigurationProperties("ivr.security")
public record SessionProperties(Session session) {

  /** How long a signed-in session may live. */
  public record Session(Duration maxAge) {
    public Session {
      maxAge = maxAge == null ? Duration.ofHours(8) : maxAge;
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("ivr.security.session.max-age must be positive, got " + maxAge);
      }
    }
  }

  public SessionProperties {
    session = session == null ? new Session(null) : session;
  }
}
