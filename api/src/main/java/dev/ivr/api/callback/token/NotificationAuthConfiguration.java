package dev.ivr.api.callback.token;

import dev.ivr.api.callback.NotificationAuthenticator;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The webhook's {@link NotificationAuthenticator}, by {@code ivr.notifications.auth.mode}: JWT
 * validation ({@code validate}, the default) or none ({@code disabled-for-development}).
 */
@Configuration(proxyBeanMethods = false)
class NotificationAuthConfiguration {

  private static final Logger log = LoggerFactory.getLogger(NotificationAuthConfiguration.class);

  @Bean
  NotificationAuthenticator notificationAuthenticator(NotificationAuthProperties properties) {
    return switch (properties.mode()) {
      case VALIDATE -> {
        log.info("Graph notification tokens are validated: keys from {}, issuers {}, audience {}, tenants {},"
                + " clock skew {}, keys refreshed every {}",
            properties.openidConfigurationUrl(), properties.issuers(), properties.audience(),
            properties.allowedTenants(), properties.clockSkew(), properties.jwksRefresh());
        GraphSigningKeys keys = new GraphSigningKeys(
            new OpenIdKeysFetcher(properties.openidConfigurationUrl()),
            properties.jwksRefresh(), properties.jwksMinRefetchInterval(), Clock.systemUTC());
        yield new GraphNotificationTokens(properties, keys, Clock.systemUTC());
      }
      case DISABLED_FOR_DEVELOPMENT -> new UnverifiedNotifications();
    };
  }
}
