package dev.ivr.api.console;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: who the console is talking to and what they may do. */
@RestController
class MeController {

  /** {@code roles} without Spring's {@code ROLE_} prefix; {@code canAct} says operator actions are allowed. */
  record Me(String user, List<String> roles, boolean canAct) {}

  @GetMapping("/api/me")
  Me me(Authentication authentication) {
    List<String> roles = authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith("ROLE_"))
        .map(a -> a.substring("ROLE_".length()))
        .sorted()
        .toList();
    return new Me(authentication.getName(), roles, roles.contains("operator"));
  }
}
