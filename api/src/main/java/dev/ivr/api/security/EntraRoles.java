package dev.ivr.api.security;

import static dev.ivr.api.security.ApiUsersProperties.OPERATOR;
import static dev.ivr.api.security.ApiUsersProperties.VIEWER;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The api's roles from an Entra token's claims: {@code viewer} and {@code operator} from its app
 * roles ({@code roles}, exact and case-sensitive as Entra issues them) or from its groups
 * ({@code groups}, object ids), as {@link EntraProperties} configures. Nothing else grants a role: a
 * token without any is authenticated and may do nothing (403).
 *
 * <p>Entra leaves {@code groups} out of a token for a user in more groups than fit (over 200 in a JWT;
 * {@code _claim_names} then points at Graph). The api does not call Graph for them: give such users an
 * app role, or let the app registration emit only the groups assigned to the application.
 */
final class EntraRoles {

  private final EntraProperties properties;

  EntraRoles(EntraProperties properties) {
    this.properties = properties;
  }

  /** {@code ROLE_viewer} and/or {@code ROLE_operator}, or none. */
  Set<GrantedAuthority> authorities(Map<String, Object> claims) {
    List<String> appRoles = strings(claims.get("roles"));
    List<String> groups = strings(claims.get("groups")).stream().map(g -> g.toLowerCase(Locale.ROOT)).toList();
    Set<GrantedAuthority> authorities = new LinkedHashSet<>();
    if (appRoles.contains(properties.roles().operator()) || member(groups, properties.groups().operator())) {
      authorities.add(new SimpleGrantedAuthority("ROLE_" + OPERATOR));
    }
    if (appRoles.contains(properties.roles().viewer()) || member(groups, properties.groups().viewer())) {
      authorities.add(new SimpleGrantedAuthority("ROLE_" + VIEWER));
    }
    return authorities;
  }

  private static boolean member(List<String> groups, List<String> configured) {
    return configured.stream().map(g -> g.toLowerCase(Locale.ROOT)).anyMatch(groups::contains);
  }

  private static List<String> strings(Object claim) {
    if (claim instanceof Collection<?> values) {
      return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return claim instanceof String one ? List.of(one) : List.of();
  }
}
