package dev.ivr.api.callback.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.api.callback.NotificationAuthenticator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Validation is on unless switched off explicitly, and it cannot start half-configured. */
class NotificationAuthPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(NotificationAuthProperties.class)
  static class Properties {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Properties.class, NotificationAuthConfiguration.class);

  @Test
  void validateIsTheDefault_andNeedsAnAudience() {
    runner.withPropertyValues("ivr.notifications.auth.allowed-tenants=t1").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("ivr.notifications.auth.audience is required");
    });
  }

  @Test
  void validateNeedsAllowedTenants() {
    runner.withPropertyValues("ivr.notifications.auth.audience=app").run(context ->
        assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("ivr.notifications.auth.allowed-tenants is required"));
  }

  @Test
  void configured_validatesWithMicrosoftsDefaults() {
    runner.withPropertyValues("ivr.notifications.auth.audience=app", "ivr.notifications.auth.allowed-tenants=t1, t2")
        .run(context -> {
          NotificationAuthProperties p = context.getBean(NotificationAuthProperties.class);
          assertThat(p.mode()).isEqualTo(NotificationAuthProperties.Mode.VALIDATE);
          assertThat(p.openidConfigurationUrl()).hasToString("https://api.aps.skype.com/v1/.well-known/OpenIdConfiguration");
          assertThat(p.issuers()).containsExactly("https://graph.microsoft.com", "https://api.botframework.com");
          assertThat(p.allowedTenants()).containsExactly("t1", "t2");
          assertThat(p.clockSkew()).hasSeconds(60);
          assertThat(p.jwksRefresh()).hasHours(2);
          assertThat(context.getBean(NotificationAuthenticator.class)).isInstanceOf(GraphNotificationTokens.class);
        });
  }

  @Test
  void onlyTheExplicitDevelopmentSetting_switchesItOff() {
    runner.withPropertyValues("ivr.notifications.auth.mode=disabled-for-development").run(context ->
        assertThat(context.getBean(NotificationAuthenticator.class)).isInstanceOf(UnverifiedNotifications.class));
    runner.withPropertyValues("ivr.notifications.auth.mode=off").run(context -> assertThat(context).hasFailed());
    runner.withPropertyValues("ivr.notifications.auth.mode=").run(context -> assertThat(context).hasFailed());
  }
}
