package dev.ivr.api.security;

import static dev.ivr.api.security.ApiUsersProperties.OPERATOR;
import static dev.ivr.api.security.ApiUsersProperties.VIEWER;

import dev.ivr.api.PublicUrlProperties;
import dev.ivr.api.callback.CallbackProperties;
import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may call what. Graph's side stays open to Graph: the webhook (it checks Graph's JWT itself),
 * {@code /prompts/**} (Graph downloads prompts without credentials), {@code GET /media/recordings/*}
 * and {@code /media/downloads/*} (recordings at signed, expiring URLs: the signature is checked there), {@code /actuator/health} and
 * {@code /actuator/prometheus} (for scrapers). Everything else needs a role:
 *
 * <ul>
 *   <li>{@code viewer}: {@code GET /api/flows}, {@code GET /api/flows/schema}, {@code POST /api/flows/validate},
 *       the operator console ({@code /console/}) and everything it reads: {@code GET /api/me},
 *       {@code GET /api/calls/**}, {@code GET /api/flows/{id}/graph}; and the codec server ({@code /codec/**});
 *   <li>{@code operator}: all of that, plus {@code POST /api/flows/reload}, {@code POST /api/calls} and
 *       operator actions ({@code POST /api/calls/{callId}/actions}) and anything else under {@code /api/**}.
 * </ul>
 *
 * Three filter chains:
 *
 * <ol>
 *   <li>Graph's {@code POST} to the webhook and its {@code GET} of prompts: open, stateless, with none of
 *       the sign-in filters (the webhook checks Graph's JWT itself);
 *   <li>requests to {@code /api/**} or {@code /codec/**} that carry an {@code Authorization} header (scripts,
 *       the Temporal Web UI's codec calls): stateless; an Entra access token for this app ({@code Bearer}),
 *       or HTTP Basic when it is enabled for development. No session and no cookie, so no CSRF token;
 *   <li>everything else, browsers above all: operators sign in with Entra ID (OpenID Connect, the
 *       authorization-code flow with PKCE), into a bounded session; every state-changing request needs the
 *       session's CSRF token (the console reads it from {@code GET /api/me}) but the webhook's, whose
 *       caller is Graph, and the codec server's, which changes nothing. {@code POST /logout} signs out of
 *       the api and of Entra.
 * </ol>
 *
 * 401 without (valid) credentials (a browser opening the console is sent to sign in instead), 403 for
 * a role that does not suffice.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);
  private static final String REALM = "ivr-api";
  private static final java.util.Set<String> SAFE_METHODS = java.util.Set.of("GET", "HEAD", "TRACE", "OPTIONS");
  private static final RequestMatcher CODEC = PathPatternRequestMatcher.pathPattern("/codec/**");
  private static final RequestMatcher API = new OrRequestMatcher(PathPatternRequestMatcher.pathPattern("/api/**"), CODEC);

  /** Entra's pieces, or null when {@code ivr.security.entra.client-id} is unset. */
  private final EntraSignIn entra;
  private final ApiUsersProperties users;
  private final SessionProperties sessions;
  /** The codec server's browser callers (the Temporal Web UI's origins, {@code ivr.codec.allowed-origins}). */
  private final UrlBasedCorsConfigurationSource codecCors;

  ApiSecurityConfiguration(EntraProperties entra, ApiUsersProperties users, SessionProperties sessions,
      PublicUrlProperties publicUrl, UrlBasedCorsConfigurationSource codecCors) {
    this.codecCors = codecCors;
    this.entra = entra.enabled() ? new EntraSignIn(entra, publicUrl) : null;
    this.users = users;
    this.sessions = sessions;
    if (entra.enabled()) {
      log.info("Operators sign in with Entra ID: tenant {}, app {}, authority {}", entra.tenantId(), entra.clientId(),
          entra.authority());
    }
    if (users.basicEnabled()) {
      log.warn("""

          !!! HTTP Basic is ENABLED FOR DEVELOPMENT (ivr.security.basic=enabled-for-development): users {} sign in
          !!! with passwords kept in properties: no single sign-on, no MFA, no central revocation, and the audit
          !!! names a local user. Production signs operators in with Entra ID (ivr.security.entra.*).""",
          users.users().keySet());
    }
    if (!entra.enabled() && users.users().isEmpty()) {
      log.info("Neither Entra ID (ivr.security.entra.*) nor development users are configured: the operator and"
          + " management endpoints (/api/**), the console and the codec server refuse everyone");
    }
  }

  /**
   * Graph's hot path: the webhook (about ten POSTs a call) and the prompts Graph fetches. Their
   * credential is checked by the endpoint itself (Graph's JWT, the prompt is public), so this chain
   * has no sign-in, session, CSRF, logout or request cache: through the browser chain, Spring Security
   * was a fifth of the api's CPU per notification; here it is half that (BENCHMARKS.md, the webhook's
   * path through Spring).
   */
  @Bean
  @Order(0)
  SecurityFilterChain graphSecurity(HttpSecurity http, CallbackProperties callback) throws Exception {
    http.securityMatcher(new OrRequestMatcher(PathPatternRequestMatcher.pathPattern(HttpMethod.POST, callback.path()),
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/prompts/**"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.HEAD, "/prompts/**")))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .servletApi(api -> api.disable())
        .logout(logout -> logout.disable())
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
    return http.build();
  }

  /**
   * No observation per security filter or per authorization decision: Spring Security would open and
   * close one around each filter of each request, Graph's included, and nothing reads them. Sign-ins
   * keep theirs ({@code spring_security_authentications_seconds}, failures by type);
   * {@code http.server.requests} times every request.
   */
  @Bean
  static SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.withDefaults()
        .shouldObserveRequests(false)
        .shouldObserveAuthorizations(false)
        .shouldObserveAuthentications(true)
        .build();
  }

  /** Scripts and the Web UI's codec calls: a bearer token (or Basic, in development) on every request. */
  @Bean
  @Order(1)
  SecurityFilterChain tokenSecurity(HttpSecurity http, CallbackProperties callback) throws Exception {
    http.securityMatcher(request -> API.matches(request) && request.getHeader(HttpHeaders.AUTHORIZATION) != null)
        .csrf(csrf -> csrf.disable())
        .cors(cors -> cors.configurationSource(codecCors))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .exceptionHandling(e -> e.authenticationEntryPoint(tokenEntryPoint()))
        .authorizeHttpRequests(requests -> rules(requests, callback));
    if (entra != null) {
      http.oauth2ResourceServer(rs -> rs
          .authenticationEntryPoint(tokenEntryPoint())
          .jwt(jwt -> jwt.decoder(entra.bearerTokens()).jwtAuthenticationConverter(entra.bearerAuthentication())));
    }
    if (users.basicEnabled()) {
      http.httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(tokenEntryPoint()));
    }
    return http.build();
  }

  /** Browsers: Entra sign-in into a bounded session, CSRF on every state change. */
  @Bean
  @Order(2)
  SecurityFilterChain browserSecurity(HttpSecurity http, CallbackProperties callback) throws Exception {
    http.csrf(csrf -> csrf.requireCsrfProtectionMatcher(ApiSecurityConfiguration::stateChangeInASession)
            .ignoringRequestMatchers(callback.path()).ignoringRequestMatchers(CODEC))
        .cors(cors -> cors.configurationSource(codecCors))
        .requestCache(cache -> cache.disable())
        .formLogin(form -> form.disable())
        .exceptionHandling(e -> e.authenticationEntryPoint(browserEntryPoint()))
        .authorizeHttpRequests(requests -> rules(requests, callback));
    if (entra != null) {
      http.oauth2Login(login -> login
              .clientRegistrationRepository(entra.registrations())
              .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
              .loginPage(EntraSignIn.SIGN_IN)
              .userInfoEndpoint(info -> info.userAuthoritiesMapper(entra.authorities()))
              .defaultSuccessUrl("/console/", true)
              .failureHandler((request, response, e) -> signInFailed(response, e)))
          .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(entra.signOut()))
          .addFilterAfter(new SessionLifetimeFilter(sessions.session().maxAge(), Clock.systemUTC()),
              SecurityContextHolderFilter.class);
    } else {
      http.logout(logout -> logout.disable());
    }
    if (users.basicEnabled()) {
      // browsers resend Basic credentials after the challenge; kept out of the session
      http.httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(browserEntryPoint()));
    }
    return http.build();
  }

  /**
   * A state change that could ride on the session cookie. Without a session there is nothing to forge:
   * the request is anonymous and gets 401 (a script that forgot its token learns that, not "CSRF").
   */
  private static boolean stateChangeInASession(jakarta.servlet.http.HttpServletRequest request) {
    return !SAFE_METHODS.contains(request.getMethod()) && request.getSession(false) != null;
  }

  private static void rules(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
      CallbackProperties callback) {
    requests
        // an SSE stream's later dispatches: the request was authorised when the stream opened
        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
        .requestMatchers(callback.path()).permitAll()
        .requestMatchers("/prompts/**").permitAll()
        // signed, expiring recording links: the token is the credential (RecordingLinkController)
        .requestMatchers(HttpMethod.GET, "/media/recordings/*", "/media/downloads/*").permitAll()
        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
        // scrapers carry no credentials; the meters hold kinds and counts, never ids or numbers
        .requestMatchers("/actuator/prometheus").permitAll()
        .requestMatchers("/error").permitAll()
        .requestMatchers(HttpMethod.GET, EntraSignIn.SIGNED_OUT_PATH, "/console/signed-out.html", "/console/console.css")
            .permitAll()
        // CORS preflights carry no credentials; the CORS filter answers them for allowed origins
        .requestMatchers(HttpMethod.OPTIONS, "/codec/**").permitAll()
        .requestMatchers("/codec/**").hasAnyRole(VIEWER, OPERATOR)
        .requestMatchers(HttpMethod.GET, "/api/flows", "/api/flows/schema", "/api/flows/*/graph")
            .hasAnyRole(VIEWER, OPERATOR)
        .requestMatchers(HttpMethod.GET, "/api/me", "/api/calls", "/api/calls/**").hasAnyRole(VIEWER, OPERATOR)
        .requestMatchers(HttpMethod.GET, "/console", "/console/**").hasAnyRole(VIEWER, OPERATOR)
        .requestMatchers(HttpMethod.POST, "/api/calls/*/actions").hasRole(OPERATOR)
        .requestMatchers(HttpMethod.POST, "/api/flows/validate").hasAnyRole(VIEWER, OPERATOR)
        .requestMatchers(HttpMethod.POST, "/api/flows/reload", "/api/calls").hasRole(OPERATOR)
        .requestMatchers("/api/operator/**").hasRole(OPERATOR)
        .requestMatchers("/api/**").hasRole(OPERATOR)
        .anyRequest().authenticated();
  }

  /** 401 with the challenge the request's own scheme calls for: Basic for Basic (development), else Bearer. */
  private AuthenticationEntryPoint tokenEntryPoint() {
    BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    bearer.setRealmName(REALM);
    BasicAuthenticationEntryPoint basic = basicEntryPoint();
    return (request, response, e) -> {
      String header = request.getHeader(HttpHeaders.AUTHORIZATION);
      boolean basicRequest = header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
      if (basicRequest && users.basicEnabled() || entra == null && users.basicEnabled()) {
        basic.commence(request, response, e);
      } else {
        bearer.commence(request, response, e);
      }
    };
  }

  /** A browser is sent to sign in; {@code /api/**} and {@code /codec/**} answer 401, as to scripts. */
  private AuthenticationEntryPoint browserEntryPoint() {
    LoginUrlAuthenticationEntryPoint signIn = entra == null ? null : new LoginUrlAuthenticationEntryPoint(EntraSignIn.SIGN_IN);
    if (signIn != null) {
      // a path, not the api's own address (behind an ingress the browser must stay on the public one)
      signIn.setFavorRelativeUris(true);
    }
    AuthenticationEntryPoint token = tokenEntryPoint();
    return (request, response, e) -> {
      if (signIn != null && !API.matches(request)) {
        signIn.commence(request, response, e);
      } else if (entra == null && !users.basicEnabled()) {
        response.sendError(HttpStatus.UNAUTHORIZED.value());
      } else {
        token.commence(request, response, e);
      }
    };
  }

  private BasicAuthenticationEntryPoint basicEntryPoint() {
    BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
    basic.setRealmName(REALM);
    return basic;
  }

  /** A failed sign-in (a refused ID token, an error from Entra): 401 and the reason's code, never a token. */
  private static void signInFailed(jakarta.servlet.http.HttpServletResponse response,
      org.springframework.security.core.AuthenticationException e) throws java.io.IOException {
    String code = e instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "sign_in_failed";
    log.warn("Sign-in with Entra ID failed: {} ({})", code, e.getMessage());
    response.setStatus(HttpStatus.UNAUTHORIZED.value());
    response.setContentType("text/html;charset=UTF-8");
    response.getOutputStream().write(("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in"
        + " failed</title></head><body><h1>Sign-in failed</h1><p id=\"reason\">" + code.replaceAll("[^A-Za-z0-9_.-]", "")
        + "</p><p><a href=\"/console/\">Sign in again</a></p></body></html>").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * ID tokens pass Spring's OpenID Connect checks (issuer, audience, nonce, expiry, within the clock skew)
   * and the tenant check. Used by sign-in only; harmless without it.
   */
  @Bean
  JwtDecoderFactory<ClientRegistration> idTokenDecoderFactory(EntraProperties properties) {
    OidcIdTokenDecoderFactory factory = new OidcIdTokenDecoderFactory();
    factory.setJwtValidatorFactory(registration -> {
      OidcIdTokenValidator oidc = new OidcIdTokenValidator(registration);
      oidc.setClockSkew(properties.clockSkew());
      return properties.enabled()
          ? new DelegatingOAuth2TokenValidator<>(oidc, EntraTokenValidation.tenant(properties))
          : oidc;
    });
    return factory;
  }

  /** Behind https, the session cookie is sent over https only (the api itself may see plain http from its ingress). */
  @Bean
  ServletContextInitializer secureSessionCookie(PublicUrlProperties publicUrl) {
    return context -> {
      if (publicUrl.publicBaseUrl() != null && "https".equalsIgnoreCase(publicUrl.publicBaseUrl().getScheme())) {
        context.getSessionCookieConfig().setSecure(true);
      }
    };
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  UserDetailsService apiUsers() {
    List<UserDetails> accounts = users.users().entrySet().stream()
        .map(e -> User.withUsername(e.getKey())
            .password(e.getValue().password())
            .roles(e.getValue().roles().toArray(String[]::new))
            .build())
        .toList();
    users.users().forEach((name, user) -> {
      if (user.password().startsWith("{noop}")) {
        log.warn("ivr.security.users.{} has a plain-text {} password: development only", name, "{noop}");
      }
    });
    return new InMemoryUserDetailsManager(accounts);
  }
}
