package dev.ivr.api;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Absolute URLs of this api as Graph sees them. Resolved per use, not at start-up, because the
 * default ({@code http://127.0.0.1:<port>}) is only known once the web server has bound its port.
 */
@Component
public class PublicUrls {
  private final PublicUrlProperties properties;
  private final Environment environment;

  PublicUrls(PublicUrlProperties properties, Environment environment) {
    this.properties = properties;
    this.environment = environment;
  }

  /** The base URL without a trailing slash. */
  public String baseUrl() {
    if (properties.publicBaseUrl() != null) {
      String base = properties.publicBaseUrl().toString();
      return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
    String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    return "http://127.0.0.1:" + port;
  }

  /** {@code path} (starting with '/') under the base URL. */
  public String resolve(String path) {
    return baseUrl() + (path.startsWith("/") ? path : "/" + path);
  }
}
