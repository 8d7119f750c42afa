package dev.ivr.api.security;

import static dev.ivr.api.security.ApiUsersProperties.OPERATOR;
import static dev.ivr.api.security.ApiUsersProperties.VIEWER;

import dev.ivr.api.callback.CallbackProperties;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
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
 * {@code /prompts/**} (Graph downloads prompts without credentials) and {@code /actuator/health}.
 * Everything else needs HTTP Basic credentials of a configured user:
 *
 * <ul>
 *   <li>{@code viewer}: {@code GET /api/flows}, {@code GET /api/flows/schema}, {@code POST /api/flows/validate};
 *   <li>{@code operator}: all of that, plus {@code POST /api/flows/reload}, {@code POST /api/calls} and
 *       anything else under {@code /api/**} (operator actions live under {@code /api/operator/**}).
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
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(callback.path()).permitAll()
            .requestMatchers("/prompts/**").permitAll()
            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
            .requestMatchers("/error").permitAll()
            .requestMatchers(HttpMethod.GET, "/api/flows", "/api/flows/schema").hasAnyRole(VIEWER, OPERATOR)
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
