package dev.ivr.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operators sign in with Microsoft Entra ID ({@code ivr.security.entra.*}): the tenant, the app
 * registration of the api and its console, and how the tokens' app roles or groups map to the roles
 * {@code viewer} and {@code operator}. Off while {@code client-id} is unset. Checked at start-up;
 * nothing is fetched from Entra then, so the api (and Graph's webhook) starts while Entra is away.
 *
 * @param tenantId the directory (tenant) id, a GUID: it is part of the issuer and the {@code tid}
 * @param clientId the app registration's application (client) id: the audience of the tokens it accepts
 * @param clientSecret the app's client secret (or {@code clientSecretFile}); never logged
 * @param clientSecretFile a file holding the client secret (Docker and Kubernetes secrets)
 * @param authority {@code https://login.microsoftonline.com} (or a national cloud's); plain http only on
 *     loopback, for the Graph emulator
 * @param appIdUri the app's Application ID URI, also accepted as an audience; default {@code api://<client id>}
 * @param roles the app role values that make a viewer and an operator
 * @param groups group object ids whose members are viewers or operators (the token's {@code groups})
 * @param scopes what sign-in asks for; default {@code openid, profile}
 * @param clockSkew tolerance on {@code exp}, {@code nbf} and {@code iat}
 */
@ConfigurationProperties("ivr.security.entra")
public record EntraProperties(String tenantId, String clientId, String clientSecret, Path clientSecretFile,
    URI authority, String appIdUri, Roles roles, Groups groups, List<String> scopes, Duration clockSkew) {

  static final String PREFIX = "ivr.security.entra.";
  private static final Pattern GUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** App role values: {@code IVR.Viewer} and {@code IVR.Operator} unless configured. */
  public record Roles(String viewer, String operator) {
    public Roles {
      viewer = viewer == null || viewer.isBlank() ? "IVR.Viewer" : viewer.trim();
      operator = operator == null || operator.isBlank() ? "IVR.Operator" : operator.trim();
    }
  }

  /** Group object ids; none unless configured. */
  public record Groups(List<String> viewer, List<String> operator) {
    public Groups {
      viewer = guids(viewer, "groups.viewer");
      operator = guids(operator, "groups.operator");
    }
  }

  public EntraProperties {
    roles = roles == null ? new Roles(null, null) : roles;
    groups = groups == null ? new Groups(null, null) : groups;
    scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile") : List.copyOf(scopes);
    clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
    authority = authority == null ? URI.create("https://login.microsoftonline.com") : authority;
    if (clientId != null && !clientId.isBlank()) {
      clientId = clientId.trim();
      requireGuid(clientId, "client-id");
      requireGuid(tenantId, "tenant-id");
      tenantId = tenantId.trim().toLowerCase(Locale.ROOT);
      if (clientSecretFile != null) {
        if (clientSecret != null && !clientSecret.isBlank()) {
          throw new IllegalArgumentException(PREFIX + "client-secret and client-secret-file are both set: use one");
        }
        clientSecret = read(clientSecretFile);
      }
      if (clientSecret == null || clientSecret.isBlank()) {
        throw new IllegalArgumentException(PREFIX + "client-secret (or client-secret-file) is required with client-id");
      }
      String host = authority.getHost();
      boolean loopback = host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
      if (!authority.isAbsolute() || host == null || authority.getRawQuery() != null
          || !("https".equalsIgnoreCase(authority.getScheme()) || loopback && "http".equalsIgnoreCase(authority.getScheme()))) {
        throw new IllegalArgumentException(PREFIX + "authority must be an https URL (plain http on loopback only),"
            + " got " + authority);
      }
      if (!scopes.contains("openid")) {
        throw new IllegalArgumentException(PREFIX + "scopes must include openid, got " + scopes);
      }
      appIdUri = appIdUri == null || appIdUri.isBlank() ? "api://" + clientId : appIdUri.trim();
      if (roles.viewer().equals(roles.operator())) {
        throw new IllegalArgumentException(PREFIX + "roles.viewer and roles.operator must differ");
      }
    } else {
      clientId = null;
    }
  }

  /** Whether Entra ID sign-in and bearer tokens are on. */
  public boolean enabled() {
    return clientId != null;
  }

  /** The tenant's endpoints under the authority, as Entra lays them out. */
  EntraEndpoints endpoints() {
    return EntraEndpoints.of(authority, tenantId);
  }

  @Override
  public String toString() {
    return "EntraProperties[tenantId=" + tenantId + ", clientId=" + clientId + ", authority=" + authority
        + ", appIdUri=" + appIdUri + ", roles=" + roles + ", groups=" + groups + ", scopes=" + scopes
        + ", clockSkew=" + clockSkew + ", clientSecret=<redacted>]";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(PREFIX + "client-secret-file " + file + " cannot be read", e);
    }
  }

  private static void requireGuid(String value, String key) {
    if (value == null || !GUID.matcher(value.trim()).matches()) {
      throw new IllegalArgumentException(PREFIX + key + " must be a GUID (the tenant's and the app's ids in the"
          + " Entra admin center), got " + value);
    }
  }

  private static List<String> guids(List<String> values, String key) {
    if (values == null) {
      return List.of();
    }
    List<String> ids = values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
    ids.forEach(id -> requireGuid(id, key));
    return ids;
  }
}
