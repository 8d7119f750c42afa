package dev.ivr.api.metrics;

import dev.ivr.api.callback.CallbackProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Times every POST to the webhook, token check included, from the first filter to the answer, and
 * records it by outcome ({@link ApiMetrics#webhookAnswered}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebhookLatencyFilter extends OncePerRequestFilter {
  private final ApiMetrics metrics;
  private final String path;

  WebhookLatencyFilter(ApiMetrics metrics, CallbackProperties callback) {
    this.metrics = metrics;
    this.path = callback.path();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !path.equals(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long start = System.nanoTime();
    try {
      chain.doFilter(request, response);
    } finally {
      metrics.webhookAnswered(response.getStatus(), System.nanoTime() - start);
    }
  }
}
