package dev.ivr.api.security;

import static dev.ivr.api.security.ApiUsersProperties.OPERATOR;
import static dev.ivr.api.security.ApiUsersProperties.VIEWER;

import dev.ivr.api.callback.CallbackProperties;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Graph's side stays open to Graph: the webhook (it checks Graph's JWT itself),
 * {@code /prompts/**} (Graph downloads prompts without credentials), {@code /actuator/health} and
 * {@code /actuator/prometheus} (for scrapers). Everything else needs HTTP Basic credentials of a
 * configured user:
 *
 * <ul>
 *   <li>{@code viewer}: {@code GET /api/flows}, {@code GET /api/flows/schema}, {@code POST /api/flows/validate},
 *       the operator console ({@code /console/}) and everything it reads: {@code GET /api/me},
 *       {@code GET /api/calls/**}, {@code GET /api/flows/{id}/graph};
 *   <li>{@code viewer} too: the codec server ({@code POST /codec/encode}, {@code POST /codec/decode}), which
 *       shows decrypted payloads in the Temporal Web UI and the CLI; CORS pre-flights from the Web UI's
 *       origins ({@code ivr.codec.allowed-origins}) are answered before authentication;
 *   <li>{@code operator}: all of that, plus {@code POST /api/flows/reload}, {@code POST /api/calls} and
 *       operator actions ({@code POST /api/calls/{callId}/actions}) and anything else under {@code /api/**}.
 * </ul>
 *
 * 401 without (valid) credentials, 403 for a role that does not suffice. Stateless: no session, no
 * cookie, so no CSRF token either.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, CallbackProperties callback) throws Exception {
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .httpBasic(basic -> basic.realmName("ivr-api"))
        // the bean corsConfigurationSource: the codec server's Web UI origins, on /codec/** only
        .cors(Customizer.withDefaults())
        .authorizeHttpRequests(requests -> requests
            // an SSE stream's later dispatches: the request was authorised when the stream opened
            .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
            .requestMatchers(callback.path()).permitAll()
            .requestMatchers("/prompts/**").permitAll()
            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
            // scrapers carry no credentials; the meters hold kinds and counts, never ids or numbers
            .requestMatchers("/actuator/prometheus").permitAll()
            .requestMatchers("/error").permitAll()
            .requestMatchers(HttpMethod.GET, "/api/flows", "/api/flows/schema", "/api/flows/*/graph")
                .hasAnyRole(VIEWER, OPERATOR)
            .requestMatchers(HttpMethod.GET, "/api/me", "/api/calls", "/api/calls/**").hasAnyRole(VIEWER, OPERATOR)
            .requestMatchers(HttpMethod.GET, "/console", "/console/**").hasAnyRole(VIEWER, OPERATOR)
            .requestMatchers(HttpMethod.POST, "/codec/encode", "/codec/decode").hasAnyRole(VIEWER, OPERATOR)
            .requestMatchers(HttpMethod.POST, "/api/calls/*/actions").hasRole(OPERATOR)
            .requestMatchers(HttpMethod.POST, "/api/flows/validate").hasAnyRole(VIEWER, OPERATOR)
            .requestMatchers(HttpMethod.POST, "/api/flows/reload", "/api/calls").hasRole(OPERATOR)
            .requestMatchers("/api/operator/**").hasRole(OPERATOR)
            .requestMatchers("/api/**").hasRole(OPERATOR)
            .anyRequest().authenticated());
    return http.build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  UserDetailsService apiUsers(ApiUsersProperties properties) {
    List<UserDetails> users = properties.users().entrySet().stream()
        .map(e -> User.withUsername(e.getKey())
            .password(e.getValue().password())
            .roles(e.getValue().roles().toArray(String[]::new))
            .build())
        .toList();
    if (users.isEmpty()) {
      log.info("No ivr.security.users configured: the operator and management endpoints (/api/**) refuse everyone");
    }
    properties.users().forEach((name, user) -> {
      if (user.password().startsWith("{noop}")) {
        log.warn("ivr.security.users.{} has a plain-text {{noop}} password: development only", name);
      }
    });
    return new InMemoryUserDetailsManager(users);
  }
}
