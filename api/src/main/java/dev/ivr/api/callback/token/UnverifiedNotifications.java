package dev.ivr.api.callback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The interim {@link NotificationAuthenticator}: accepts every notification and says so loudly at
 * start-up. JWT validation replaces it (a later issue).
 */
@Component
class UnverifiedNotifications implements NotificationAuthenticator {

  private static final Logger log = LoggerFactory.getLogger(UnverifiedNotifications.class);

  UnverifiedNotifications() {
    log.warn("Graph notification tokens are NOT validated: anyone who can reach the webhook can signal calls."
        + " Do not expose this api to the internet yet.");
  }

  @Override
  public Decision authenticate(String authorization) {
    return Decision.accept();
  }
}
