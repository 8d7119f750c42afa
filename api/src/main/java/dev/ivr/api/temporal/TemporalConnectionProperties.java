package dev.ivr.api.temporal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the Temporal frontend is, under the keys of Temporal's own Spring Boot starter
 * ({@code spring.temporal.connection.target}, {@code spring.temporal.namespace}), so a later switch
 * to the starter keeps the configuration.
 */
@ConfigurationProperties("spring.temporal")
public record TemporalConnectionProperties(@DefaultValue Connection connection, @DefaultValue("default") String namespace) {
  public TemporalConnectionProperties {
    if (namespace == null || namespace.isBlank()) {
      throw new IllegalArgumentException("spring.temporal.namespace must not be blank");
    }
  }

  /** {@code target}: host:port of the Temporal frontend. */
  public record Connection(@DefaultValue("127.0.0.1:7233") String target) {
    public Connection {
      if (target == null || !target.matches("(\\[[0-9A-Fa-f:.]+\\]|[^\\s:\\[\\]]+):\\d{1,5}|[a-z]+:///?.+")) {
        throw new IllegalArgumentException(
            "spring.temporal.connection.target must be host:port, got '" + target + "'");
      }
    }
  }
}
