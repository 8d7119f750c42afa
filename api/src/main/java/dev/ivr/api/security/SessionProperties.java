package dev.ivr.api.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The console's signed-in sessions and the codec server's browser callers ({@code ivr.security.*}).
 * A session also ends after {@code server.servlet.session.timeout} without a request (Spring Boot's
 * own key; 30 minutes here).
 *
 * @param session {@code max-age}: a session ends this long after sign-in began, however busy (default 8 h)
 * @param codec {@code allowed-origins}: the origins whose pages may call {@code /codec/**} from a browser
 *     (CORS, with credentials), e.g. the Temporal Web UI's; none by default
 */
@ConfigurationProperties("ivr.security")
public record SessionProperties(Session session, Codec codec) {

  /** How long a signed-in session may live. */
  public record Session(Duration maxAge) {
    public Session {
      maxAge = maxAge == null ? Duration.ofHours(8) : maxAge;
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("ivr.security.session.max-age must be positive, got " + maxAge);
      }
    }
  }

  /** Who may call the codec server from a browser. */
  public record Codec(List<String> allowedOrigins) {
    public Codec {
      allowedOrigins = allowedOrigins == null ? List.of()
          : allowedOrigins.stream().filter(o -> o != null && !o.isBlank()).map(o -> o.trim().replaceAll("/+$", ""))
              .toList();
      for (String origin : allowedOrigins) {
        java.net.URI uri = java.net.URI.create(origin);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
          throw new IllegalArgumentException("ivr.security.codec.allowed-origins holds origins (scheme://host[:port]),"
              + " got " + origin);
        }
      }
    }
  }

  public SessionProperties {
    session = session == null ? new Session(null) : session;
    codec = codec == null ? new Codec(null) : codec;
  }
}
