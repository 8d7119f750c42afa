package dev.ivr.api.codec;

import dev.ivr.codec.CodecProtocol;
import dev.ivr.codec.EncryptionCodec;
import dev.ivr.codec.PayloadKeys;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The codec server's parts: the protocol over the api's payload keys, and CORS for the Web UI's
 * origins on {@code /codec/**} only (ApiSecurityConfiguration hands this source to both filter chains,
 * whose CORS filters answer pre-flights before authentication).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CodecProperties.class)
class CodecConfiguration {

  @Bean
  CodecProtocol codecProtocol(PayloadKeys keys) {
    return new CodecProtocol(new EncryptionCodec(keys));
  }

  @Bean
  UrlBasedCorsConfigurationSource codecCorsConfigurationSource(CodecProperties properties) {
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    if (!properties.allowedOrigins().isEmpty()) {
      CorsConfiguration codec = new CorsConfiguration();
      codec.setAllowedOrigins(properties.allowedOrigins());
      codec.setAllowedMethods(List.of("POST"));
      codec.setAllowedHeaders(List.of("Content-Type", "X-Namespace", "Authorization", "Authorization-Extras"));
      codec.setAllowCredentials(true);
      codec.setMaxAge(Duration.ofHours(1));
      source.registerCorsConfiguration(CodecController.PATH + "/**", codec);
    }
    return source;
  }
}
