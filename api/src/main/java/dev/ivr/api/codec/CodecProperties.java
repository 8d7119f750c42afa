package dev.ivr.api.codec;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The codec server ({@code ivr.codec.*}).
 *
 * @param allowedOrigins the Web UI origins whose pages may call it from the browser (CORS with
 *     credentials), e.g. {@code https://temporal-ui.example.com}; none by default, which leaves the
 *     command line ({@code temporal --codec-endpoint}) as its only client
 */
@ConfigurationProperties("ivr.codec")
public record CodecProperties(List<String> allowedOrigins) {
  public CodecProperties {
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    for (String origin : allowedOrigins) {
      if (origin.equals("*") || !origin.matches("https?://[^/\\s]+")) {
        throw new IllegalArgumentException("ivr.codec.allowed-origins are origins (scheme://host[:port], no path,"
            + " no '*': the codec answers with credentials), got '" + origin + "'");
      }
    }
  }
}
