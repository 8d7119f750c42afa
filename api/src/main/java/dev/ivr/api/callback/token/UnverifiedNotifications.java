package dev.ivr.api.callback.token;

import dev.ivr.api.callback.NotificationAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link NotificationAuthenticator} of {@code ivr.notifications.auth.mode=disabled-for-development}:
 * accepts every notification and says so loudly at start-up. Never for an api Graph can reach.
 */
final class UnverifiedNotifications implements NotificationAuthenticator {

  private static final Logger log = LoggerFactory.getLogger(UnverifiedNotifications.class);

  UnverifiedNotifications() {
    log.warn("!!! ivr.notifications.auth.mode=disabled-for-development: Graph notification tokens are NOT validated."
        + " Anyone who can reach the webhook can start and signal calls. Development only: never expose this api. !!!");
  }

  @Override
  public Decision authenticate(String authorization) {
    return Decision.accept();
  }
}
