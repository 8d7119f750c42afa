package dev.ivr.emulator.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.EntraDirectory;
import dev.ivr.emulator.EntraTokenVariant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The v2.0 tokens of operator sign-in, signed with the tenant's published Entra key
 * ({@code /{tenant}/discovery/v2.0/keys}): ID tokens for the app a user signs in to, access tokens
 * whose audience is that app (delegated, for a user; app-only, for a client app), and the Graph access
 * token Entra hands out beside an ID token when no API scope is asked. Lifetimes are real time.
 */
public final class EntraTokens {

  /** Seconds an ID or access token lives. */
  static final int LIFETIME_SECONDS = 3599;
  /** Microsoft Graph's app id: the audience of Graph tokens. */
  static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
  /** Another tenant's id, for {@link EntraTokenVariant#OTHER_TENANT}. */
  static final String OTHER_TENANT = "0fe40000-0000-4000-8000-00000000beef";

  private final EmulatorConfig config;
  private final TokenService keys;
  private final Supplier<String> baseUrl;

  public EntraTokens(EmulatorConfig config, TokenService keys, Supplier<String> baseUrl) {
    this.config = config;
    this.keys = keys;
    this.baseUrl = baseUrl;
  }

  /** The v2.0 issuer of the tenant: {@code <authority>/<tenant id>/v2.0}, the authority being the emulator. */
  public String issuer() {
    return issuer(config.tenantId());
  }

  String issuer(String tenantId) {
    return baseUrl.get() + "/" + tenantId + "/v2.0";
  }

  /** An ID token of {@code user} for the directory's app, with the {@code nonce} of the sign-in request. */
  String idToken(EntraDirectory.User user, String nonce, EntraTokenVariant variant) {
    EntraDirectory.App app = config.directory().app();
    JWTClaimsSet.Builder claims = common(variant, app.clientId())
        .subject(pairwiseSubject(user.oid(), app.clientId()))
        .claim("oid", user.oid())
        .claim("name", user.displayName())
        .claim("preferred_username", user.username());
    if (nonce != null) claims.claim("nonce", nonce);
    membership(claims, user);
    return keys.sign(claims.build(), variant == EntraTokenVariant.FORGED);
  }

  /** A delegated access token of {@code user} for the directory's app, with the scopes asked ({@code scp}). */
  public String userAccessToken(EntraDirectory.User user, String clientId, List<String> scopes,
      EntraTokenVariant variant) {
    EntraDirectory.App app = config.directory().app();
    JWTClaimsSet.Builder claims = common(variant, app.clientId())
        .subject(pairwiseSubject(user.oid(), app.clientId()))
        .claim("azp", clientId)
        .claim("azpacr", "1")
        .claim("oid", user.oid())
        .claim("name", user.displayName())
        .claim("preferred_username", user.username())
        .claim("scp", String.join(" ", scopes));
    membership(claims, user);
    return keys.sign(claims.build(), variant == EntraTokenVariant.FORGED);
  }

  /** An app-only access token of {@code client} for the directory's app: its application permissions in {@code roles}. */
  String clientAccessToken(EntraDirectory.Client client) {
    EntraDirectory.App app = config.directory().app();
    JWTClaimsSet.Builder claims = common(EntraTokenVariant.VALID, app.clientId())
        .subject(client.servicePrincipalId())
        .claim("azp", client.clientId())
        .claim("azpacr", "1")
        .claim("idtyp", "app")
        .claim("oid", client.servicePrincipalId());
    if (!client.roles().isEmpty()) claims.claim("roles", client.roles());
    return keys.sign(claims.build(), false);
  }

  /** What Entra hands out beside the ID token when only OpenID scopes are asked: a token for Graph. */
  String graphAccessToken(EntraDirectory.User user, String clientId, List<String> scopes) {
    JWTClaimsSet claims = common(EntraTokenVariant.VALID, GRAPH_APP_ID)
        .issuer("https://sts.windows.net/" + config.tenantId() + "/")
        .subject(pairwiseSubject(user.oid(), GRAPH_APP_ID))
        .claim("appid", clientId)
        .claim("oid", user.oid())
        .claim("scp", String.join(" ", scopes))
        .claim("ver", "1.0")
        .build();
    return keys.sign(claims, false);
  }

  private JWTClaimsSet.Builder common(EntraTokenVariant variant, String audience) {
    Instant now = Instant.now();
    Instant issuedAt = variant == EntraTokenVariant.EXPIRED ? now.minus(Duration.ofHours(2)) : now;
    String tenant = variant == EntraTokenVariant.OTHER_TENANT ? OTHER_TENANT : config.tenantId();
    return new JWTClaimsSet.Builder()
        .issuer(issuer(tenant))
        .audience(variant == EntraTokenVariant.OTHER_AUDIENCE ? UUID.randomUUID().toString() : audience)
        .issueTime(Date.from(issuedAt))
        .notBeforeTime(Date.from(issuedAt))
        .expirationTime(Date.from(issuedAt.plusSeconds(LIFETIME_SECONDS)))
        .jwtID(UUID.randomUUID().toString())
        .claim("tid", tenant)
        .claim("ver", "2.0");
  }

  private static void membership(JWTClaimsSet.Builder claims, EntraDirectory.User user) {
    if (!user.roles().isEmpty()) claims.claim("roles", user.roles());
    if (!user.groups().isEmpty()) claims.claim("groups", user.groups());
  }

  /** Entra's {@code sub}: the same user has another subject in every app. */
  private static String pairwiseSubject(String oid, String clientId) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((oid + "|" + clientId).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 43);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
