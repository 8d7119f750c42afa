package dev.ivr.api.callback.token;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the webhook checks that a notification comes from Graph ({@code ivr.notifications.auth}).
 * Defaults are Microsoft's: the OpenID configuration of {@code api.aps.skype.com}, issuers Graph and
 * Bot Framework. {@code audience} (the bot's app id) and {@code allowed-tenants} have no default and
 * are required in {@code validate} mode, so a bot never starts accepting tokens meant for another app.
 * Only {@code mode=disabled-for-development} switches validation off. A token already verified is
 * trusted again for {@code token-cache-ttl} (5 minutes; at most {@code token-cache-size} tokens
 * remembered; 0 switches the cache off), its expiry still checked each time.
 */
@ConfigurationProperties("ivr.notifications.auth")
public record NotificationAuthProperties(
    @DefaultValue("validate") Mode mode,
    @DefaultValue("https://api.aps.skype.com/v1/.well-known/OpenIdConfiguration") URI openidConfigurationUrl,
    @DefaultValue({"https://graph.microsoft.com", "https://api.botframework.com"}) List<String> issuers,
    String audience,
    List<String> allowedTenants,
    @DefaultValue("60s") Duration clockSkew,
    @DefaultValue("2h") Duration jwksRefresh,
    @DefaultValue("30s") Duration jwksMinRefetchInterval,
    @DefaultValue("10000") int tokenCacheSize,
    @DefaultValue("5m") Duration tokenCacheTtl) {

  /** Whether tokens are validated. */
  public enum Mode {
    VALIDATE,
    /** Every notification is accepted; a loud WARN at start-up. Development only. */
    DISABLED_FOR_DEVELOPMENT
  }

  private static final String PREFIX = "ivr.notifications.auth.";

  @ConstructorBinding
  public NotificationAuthProperties {
    mode = mode == null ? Mode.VALIDATE : mode;
    issuers = clean(issuers);
    allowedTenants = clean(allowedTenants);
    audience = audience == null || audience.isBlank() ? null : audience.trim();
    if (mode == Mode.VALIDATE) {
      if (audience == null) {
        throw new IllegalArgumentException(PREFIX + "audience is required when " + PREFIX
            + "mode=validate: set it to the bot's Microsoft app id (client id), the 'aud' of Graph's notification"
            + " tokens (or set " + PREFIX + "mode=disabled-for-development, for development only)");
      }
      if (allowedTenants.isEmpty()) {
        throw new IllegalArgumentException(PREFIX + "allowed-tenants is required when " + PREFIX
            + "mode=validate: list the tenant ids ('tid') whose calls this bot serves, comma-separated");
      }
      if (issuers.isEmpty()) {
        throw new IllegalArgumentException(PREFIX + "issuers must not be empty");
      }
    }
    if (openidConfigurationUrl == null || !openidConfigurationUrl.isAbsolute()
        || !List.of("https", "http").contains(openidConfigurationUrl.getScheme().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(PREFIX + "openid-configuration-url must be an absolute http(s) URL, got "
          + openidConfigurationUrl);
    }
    if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException(PREFIX + "clock-skew must be between 0 and 10m, got " + clockSkew);
    }
    if (jwksRefresh == null || jwksRefresh.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(PREFIX + "jwks-refresh must be at least 1s, got " + jwksRefresh);
    }
    if (tokenCacheSize < 0 || tokenCacheSize > 1_000_000) {
      throw new IllegalArgumentException(PREFIX + "token-cache-size must be between 0 (off) and 1000000, got "
          + tokenCacheSize);
    }
    if (tokenCacheTtl == null || tokenCacheTtl.isNegative() || tokenCacheTtl.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(PREFIX + "token-cache-ttl must be between 0 (off) and 1h, got "
          + tokenCacheTtl);
    }
    if (jwksMinRefetchInterval == null || jwksMinRefetchInterval.isNegative()) {
      throw new IllegalArgumentException(PREFIX + "jwks-min-refetch-interval must not be negative, got "
          + jwksMinRefetchInterval);
    }
  }

  /** The settings before the token cache existed: the cache's defaults. */
  public NotificationAuthProperties(Mode mode, URI openidConfigurationUrl, List<String> issuers, String audience,
      List<String> allowedTenants, Duration clockSkew, Duration jwksRefresh, Duration jwksMinRefetchInterval) {
    this(mode, openidConfigurationUrl, issuers, audience, allowedTenants, clockSkew, jwksRefresh,
        jwksMinRefetchInterval, 10_000, Duration.ofMinutes(5));
  }

  private static List<String> clean(List<String> values) {
    return values == null ? List.of()
        : values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).distinct().toList();
  }
}
