package dev.ivr.api.security;

import dev.ivr.api.PublicUrlProperties;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/**
 * The pieces of Entra ID sign-in and bearer tokens, built from {@link EntraProperties}: the app
 * registration as Spring's OAuth2 client sees it (the authorization-code flow, PKCE required, the
 * secret sent in the token request's body), the roles of a signed-in user, the bearer-token decoder
 * with its checks, and the sign-out that also ends the Entra session.
 */
final class EntraSignIn {

  /** Spring's registration id: the redirect URI is {@code <base>/login/oauth2/code/entra}. */
  static final String REGISTRATION = "entra";
  static final String SIGN_IN = "/oauth2/authorization/" + REGISTRATION;
  static final String REDIRECT_PATH = "/login/oauth2/code/" + REGISTRATION;
  /** Where Entra sends the browser back to after sign-out; registered beside the redirect URI. */
  static final String SIGNED_OUT_PATH = "/console/signed-out";

  private final EntraProperties properties;
  private final EntraRoles roles;
  private final ClientRegistrationRepository registrations;
  private final String base;

  EntraSignIn(EntraProperties properties, PublicUrlProperties publicUrl) {
    this.properties = properties;
    this.roles = new EntraRoles(properties);
    // the public base URL when it is set (behind an ingress, the request's own URL is not what Entra knows)
    this.base = publicUrl.publicBaseUrl() == null ? "{baseUrl}"
        : publicUrl.publicBaseUrl().toString().replaceAll("/+$", "");
    EntraEndpoints endpoints = properties.endpoints();
    ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION)
        .clientName("Microsoft Entra ID")
        .clientId(properties.clientId())
        .clientSecret(properties.clientSecret())
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
        .redirectUri(base + REDIRECT_PATH)
        .scope(properties.scopes())
        .issuerUri(endpoints.issuer())
        .authorizationUri(endpoints.authorization())
        .tokenUri(endpoints.token())
        .jwkSetUri(endpoints.jwks())
        .providerConfigurationMetadata(Map.of("end_session_endpoint", endpoints.endSession()))
        // no user-info endpoint: everything needed is in the ID token, so sign-in never calls Graph
        .userNameAttributeName("oid")
        .build();
    this.registrations = new InMemoryClientRegistrationRepository(registration);
  }

  ClientRegistrationRepository registrations() {
    return registrations;
  }

  /** A signed-in user's roles come from the ID token's app roles and groups; nothing else is kept. */
  GrantedAuthoritiesMapper authorities() {
    return granted -> {
      Set<GrantedAuthority> mapped = new HashSet<>();
      for (GrantedAuthority authority : granted) {
        if (authority instanceof OidcUserAuthority oidc) {
          mapped.addAll(roles.authorities(oidc.getIdToken().getClaims()));
        }
      }
      return mapped;
    };
  }

  /** Bearer tokens: RS256 with a key of the tenant's JWKS, then {@link EntraTokenValidation#accessTokens}. */
  JwtDecoder bearerTokens() {
    NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri(properties.endpoints().jwks())
        .jwsAlgorithm(SignatureAlgorithm.RS256).build();
    nimbus.setJwtValidator(EntraTokenValidation.accessTokens(properties));
    return token -> {
      try {
        return nimbus.decode(token);
      } catch (BadJwtException e) {
        throw e;
      } catch (JwtException e) {
        // the keys could not be fetched: the token is refused (401), never accepted unchecked
        throw new BadJwtException("The token cannot be checked now: the tenant's signing keys are unavailable", e);
      }
    };
  }

  /** The bearer token's roles, and its {@code oid} as the principal's name. */
  JwtAuthenticationConverter bearerAuthentication() {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(jwt -> java.util.List.copyOf(roles.authorities(jwt.getClaims())));
    converter.setPrincipalClaimName("oid");
    return converter;
  }

  /** Sign-out ends the api's session, then Entra's (end-session, with the ID token as hint), then comes back. */
  LogoutSuccessHandler signOut() {
    OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
    handler.setPostLogoutRedirectUri(base + SIGNED_OUT_PATH);
    return handler;
  }
}
