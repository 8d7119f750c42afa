package dev.ivr.api.security;

import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is asking, as the console shows it and the call's audit records it: from an Entra token, the
 * person's {@code name} and object id ({@code oid}), e.g. {@code Olivia Operator (7e4a0002-…)}; for an
 * app-only token (a script), {@code app <client id>} and its object id; for HTTP Basic (development),
 * the user name. Names come from the directory, so they are cleaned of control characters and cut to
 * {@value #MAX_NAME} characters before they reach a signal.
 */
public final class Operators {

  static final int MAX_NAME = 80;

  private Operators() {}

  /**
   * The person or app behind a request.
   *
   * @param name what people read: the display name, or the user or app id
   * @param id the directory object id, or null (HTTP Basic)
   */
  public record Operator(String name, String id) {
    /** The audit's operator: {@code name (id)}, or {@code name} without an id. */
    public String audit() {
      return id == null ? name : name + " (" + id + ")";
    }
  }

  public static Operator of(Authentication authentication) {
    Map<String, Object> claims = null;
    if (authentication.getPrincipal() instanceof OidcUser user) {
      claims = user.getClaims();
    } else if (authentication instanceof JwtAuthenticationToken jwt) {
      claims = jwt.getToken().getClaims();
    }
    if (claims == null) {
      return new Operator(clean(authentication.getName()), null);
    }
    String oid = clean(string(claims.get("oid")));
    String name = string(claims.get("name"));
    if (name == null) {
      name = string(claims.get("preferred_username"));
    }
    // an app-only token: the client app's id (v2.0 azp, v1.0 appid)
    String app = string(claims.get("azp")) != null ? string(claims.get("azp")) : string(claims.get("appid"));
    if (name == null && app != null) {
      name = "app " + app;
    }
    return new Operator(clean(name == null ? oid : name), oid);
  }

  /** Whether the request comes from an Entra sign-in session (which {@code POST /logout} ends). */
  public static boolean signedIn(Authentication authentication) {
    return authentication.getPrincipal() instanceof OidcUser;
  }

  private static String string(Object claim) {
    return claim instanceof String s && !s.isBlank() ? s : null;
  }

  private static String clean(String value) {
    if (value == null) {
      return null;
    }
    String printable = value.replaceAll("\\p{Cntrl}", " ").strip();
    return printable.length() > MAX_NAME ? printable.substring(0, MAX_NAME) : printable;
  }
}
