package dev.ivr.api;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ivr.public-base-url}: where Graph reaches this api (the webhook, the prompt files). Graph
 * needs https in production; without a value the api uses {@code http://127.0.0.1:<its port>}.
 */
@ConfigurationProperties("ivr")
public record PublicUrlProperties(URI publicBaseUrl) {
  public PublicUrlProperties {
    if (publicBaseUrl != null) {
      String scheme = publicBaseUrl.getScheme();
      if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)
          || publicBaseUrl.getHost() == null) {
        throw new IllegalArgumentException(
            "ivr.public-base-url must be an absolute http(s) URL, got '" + publicBaseUrl + "'");
      }
    }
  }
}
