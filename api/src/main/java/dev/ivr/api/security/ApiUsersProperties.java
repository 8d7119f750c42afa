package dev.ivr.api.security;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * HTTP Basic users of the operator and management endpoints, for development only
 * ({@code ivr.security.basic=enabled-for-development}, then {@code ivr.security.users.<name>.password}
 * and {@code .roles}). Production signs operators in with Entra ID ({@link EntraProperties}). Users
 * configured while Basic is disabled stop the api at start-up, so a forgotten development setting
 * cannot silently open a production api. A password is a Spring password string with its encoder's
 * prefix: {@code {bcrypt}$2a$10$…} or {@code {noop}secret}.
 */
@ConfigurationProperties("ivr.security")
public record ApiUsersProperties(Basic basic, Map<String, User> users) {

  /** Whether HTTP Basic is accepted at all. */
  public enum Basic {
    /** The default: no Basic credentials are accepted, and configuring users is an error. */
    DISABLED,
    /** Development only: the configured users may use HTTP Basic; the api warns loudly at start-up. */
    ENABLED_FOR_DEVELOPMENT
  }

  /** Read-only: lists and validates flows. */
  public static final String VIEWER = "viewer";
  /** Everything a viewer can, plus reloading flows, placing calls and operator actions. */
  public static final String OPERATOR = "operator";

  private static final Set<String> ROLES = Set.of(VIEWER, OPERATOR);
  private static final Pattern ENCODED = Pattern.compile("\\{(bcrypt|noop)}.+", Pattern.DOTALL);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  public ApiUsersProperties {
    basic = basic == null ? Basic.DISABLED : basic;
    if (users != null) {
      // an empty password is no user (compose passes an unset variable as an empty one)
      Map<String, User> given = new TreeMap<>(users);
      given.values().removeIf(user -> user == null || user.password() == null || user.password().isBlank());
      users = given;
    }
    if (basic == Basic.DISABLED && users != null && !users.isEmpty()) {
      throw new IllegalArgumentException("ivr.security.users." + users.keySet().iterator().next() + " is set but HTTP"
          + " Basic is disabled: operators sign in with Entra ID (ivr.security.entra.*); for development only, set"
          + " ivr.security.basic=enabled-for-development");
    }
    Map<String, User> checked = new TreeMap<>();
    if (users != null) {
      users.forEach((name, user) -> {
        String key = "ivr.security.users." + name;
        if (!NAME.matcher(name).matches()) {
          throw new IllegalArgumentException(key + ": a user name is 1-64 letters, digits, '.', '_', '@' or '-'");
        }
        if (user == null || user.password() == null || !ENCODED.matcher(user.password()).matches()) {
          throw new IllegalArgumentException(key + ".password must be a Spring password string starting with"
              + " {bcrypt} (production) or {noop} (development only)");
        }
        if (user.roles().isEmpty() || !ROLES.containsAll(user.roles())) {
          throw new IllegalArgumentException(key + ".roles must list one or more of " + ROLES + ", got " + user.roles());
        }
        checked.put(name, user);
      });
    }
    users = Map.copyOf(checked);
  }

  /** Whether HTTP Basic credentials are accepted. */
  public boolean basicEnabled() {
    return basic == Basic.ENABLED_FOR_DEVELOPMENT;
  }

  /** One user: an encoded password and roles ({@code viewer}, {@code operator}). */
  public record User(String password, List<String> roles) {
    public User {
      roles = roles == null ? List.of()
          : roles.stream().filter(r -> r != null && !r.isBlank()).map(r -> r.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    @Override
    public String toString() {
      return "User[password=<redacted>, roles=" + roles + "]";
    }
  }
}
