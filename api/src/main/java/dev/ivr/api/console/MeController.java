package dev.ivr.api.console;

import dev.ivr.api.security.Operators;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: who the console is talking to, what they may do, and how to send a state change. */
@RestController
class MeController {

  /**
   * {@code user} the person's name and {@code id} their directory object id (null for a development
   * user); {@code roles} without Spring's {@code ROLE_} prefix; {@code canAct} says operator actions are
   * allowed; {@code canSignOut} that the session came from Entra sign-in ({@code POST /logout}); {@code csrf}
   * the header and form field a state change of this session must carry, or null without a session.
   */
  record Me(String user, String id, List<String> roles, boolean canAct, boolean canSignOut, Csrf csrf) {}

  /** The session's CSRF token, and where to send it. */
  record Csrf(String header, String parameter, String token) {}

  @GetMapping("/api/me")
  Me me(Authentication authentication, HttpServletRequest request) {
    List<String> roles = authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith("ROLE_"))
        .map(a -> a.substring("ROLE_".length()))
        .sorted()
        .toList();
    Operators.Operator who = Operators.of(authentication);
    CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    Csrf csrf = token == null ? null : new Csrf(token.getHeaderName(), token.getParameterName(), token.getToken());
    return new Me(who.name(), who.id(), roles, roles.contains("operator"), Operators.signedIn(authentication), csrf);
  }
}
