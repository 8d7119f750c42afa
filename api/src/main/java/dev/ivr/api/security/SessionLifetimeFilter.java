package dev.ivr.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds a session's whole life, however busy it is ({@code ivr.security.session.max-age}): past it, the
 * session is invalidated before anything reads it, so the request is anonymous and the user signs in
 * again. The idle bound is the servlet container's ({@code server.servlet.session.timeout}).
 */
final class SessionLifetimeFilter extends OncePerRequestFilter {

  private final Duration maxAge;
  private final Clock clock;

  SessionLifetimeFilter(Duration maxAge, Clock clock) {
    this.maxAge = maxAge;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session != null && clock.millis() - session.getCreationTime() > maxAge.toMillis()) {
      session.invalidate();
      SecurityContextHolder.clearContext();
    }
    chain.doFilter(request, response);
  }
}
