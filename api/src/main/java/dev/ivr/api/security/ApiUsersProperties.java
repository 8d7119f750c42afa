package dev.ivr.api.security;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The people and tools allowed on the operator and management endpoints
 * ({@code ivr.security.users.<name>.password} and {@code .roles}). None by default, so those
 * endpoints stay closed until someone is configured. A password is a Spring password string with its
 * encoder's prefix: {@code {bcrypt}$2a$10$…} in production, {@code {noop}secret} for development.
 */
@ConfigurationProperties("ivr.security")
public record ApiUsersProperties(Map<String, User> users) {

  /** Read-only: lists and validates flows. */
  public static final String VIEWER = "viewer";
  /** Everything a viewer can, plus reloading flows, placing calls and operator actions. */
  public static final String OPERATOR = "operator";

  private static final Set<String> ROLES = Set.of(VIEWER, OPERATOR);
  private static final Pattern ENCODED = Pattern.compile("\\{(bcrypt|noop)}.+", Pattern.DOTALL);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  public ApiUsersProperties {
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
