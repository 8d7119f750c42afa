package dev.ivr.activities.graph;

import dev.ivr.activities.LoopbackHttp;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where Graph and its token authority are, and the app registration that calls them.
 *
 * <p>{@code authorityHostOverride} is for development only: msal4j refuses any http authority, so the
 * real {@code authority} string is kept (which also keeps msal4j's token cache working) and the
 * requests msal4j makes to the authority's host are forwarded to this base URL instead, e.g. the
 * emulator's {@code http://127.0.0.1:PORT}. It is {@code null} in production.
 *
 * <p>Plain http is accepted only for loopback hosts and for the hosts of {@code httpAllowedHosts}, an
 * explicit development allowance (a compose network's {@code graph-emulator}). {@link #toString()}
 * never shows the secret.
 *
 * @param graphBaseUrl Graph's base URL, default {@value #DEFAULT_GRAPH_BASE_URL}
 * @param authority the Entra ID authority host, default {@value #DEFAULT_AUTHORITY}
 * @param tenantId the tenant whose token endpoint issues the app's tokens
 * @param clientId the app registration's client id
 * @param clientSecret the app registration's secret
 * @param authorityHostOverride development only: a base URL that stands in for the authority's host
 * @param requestTimeout how long one Graph request may take, default 8 s (less than the activity's
 *     start-to-close timeout, so a slow Graph shows up as a retryable failure, not a timeout)
 * @param httpAllowedHosts development only: host names besides loopback that Graph, the authority
 *     override and recording locations may use over plain http; empty in production
 */
public record GraphSettings(
    String graphBaseUrl,
    String authority,
    String tenantId,
    String clientId,
    String clientSecret,
    String authorityHostOverride,
    Duration requestTimeout,
    Set<String> httpAllowedHosts) {

  public static final String DEFAULT_GRAPH_BASE_URL = "https://graph.microsoft.com/v1.0";
  public static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com/";
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(8);

  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,99}");

  public GraphSettings {
    httpAllowedHosts = lowerCase(httpAllowedHosts);
    graphBaseUrl = stripTrailingSlash(orDefault(graphBaseUrl, DEFAULT_GRAPH_BASE_URL));
    URI graph = absolute("graphBaseUrl", graphBaseUrl);
    requireHttpsOrAllowedHttp("graphBaseUrl", graph, httpAllowedHosts);

    authority = orDefault(authority, DEFAULT_AUTHORITY);
    authority = authority.endsWith("/") ? authority : authority + "/";
    URI authorityUri = absolute("authority", authority);
    if (!"https".equalsIgnoreCase(authorityUri.getScheme())) {
      throw new IllegalArgumentException("authority must use https (msal4j refuses any other scheme; "
          + "use authorityHostOverride to reach a local token endpoint), got " + authority);
    }
    if (authorityUri.getRawQuery() != null || authorityUri.getRawFragment() != null) {
      throw new IllegalArgumentException("authority must not have a query or fragment, got " + authority);
    }

    if (tenantId == null || !TENANT.matcher(tenantId).matches()) {
      throw new IllegalArgumentException(
          "tenantId is required: a tenant GUID or domain name, got '" + tenantId + "'");
    }
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("clientId is required");
    }
    if (clientSecret == null || clientSecret.isBlank()) {
      throw new IllegalArgumentException("clientSecret is required (it is not shown here)");
    }

    if (authorityHostOverride == null || authorityHostOverride.isBlank()) {
      authorityHostOverride = null;
    } else {
      authorityHostOverride = stripTrailingSlash(authorityHostOverride.trim());
      URI override = absolute("authorityHostOverride", authorityHostOverride);
      requireHttpsOrAllowedHttp("authorityHostOverride", override, httpAllowedHosts);
      if (override.getRawQuery() != null || override.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "authorityHostOverride must be a base URL without query or fragment, got " + authorityHostOverride);
      }
    }

    requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
    }
  }

  /** Settings without a plain-http allowance beyond loopback. */
  public GraphSettings(String graphBaseUrl, String authority, String tenantId, String clientId, String clientSecret,
      String authorityHostOverride, Duration requestTimeout) {
    this(graphBaseUrl, authority, tenantId, clientId, clientSecret, authorityHostOverride, requestTimeout, Set.of());
  }

  /** Production settings: Graph and Entra ID at their public addresses. */
  public static GraphSettings of(String tenantId, String clientId, String clientSecret) {
    return new GraphSettings(null, null, tenantId, clientId, clientSecret, null, null);
  }

  /** The tenant's authority URL as msal4j wants it, e.g. {@code https://login.microsoftonline.com/<tenant>/}. */
  public String tenantAuthority() {
    return authority + tenantId + "/";
  }

  /** The host whose requests may carry the Graph token: the host of {@link #graphBaseUrl()}. */
  public String graphHost() {
    return URI.create(graphBaseUrl).getHost().toLowerCase(Locale.ROOT);
  }

  /** Whether Graph is reached over plain http (a loopback or allowed host: development against the emulator). */
  public boolean graphIsLoopbackHttp() {
    URI graph = URI.create(graphBaseUrl);
    return "http".equalsIgnoreCase(graph.getScheme()) && LoopbackHttp.plainHttpAllowed(graph.getHost(), httpAllowedHosts);
  }

  /** Plain http is allowed on a loopback host, or on a host of the explicit allowance. */
  public static boolean plainHttpAllowed(String host, Set<String> httpAllowedHosts) {
    return LoopbackHttp.plainHttpAllowed(host, httpAllowedHosts);
  }

  @Override
  public String toString() {
    return "GraphSettings[graphBaseUrl=" + graphBaseUrl + ", authority=" + authority + ", tenantId=" + tenantId
        + ", clientId=" + clientId + ", clientSecret=<redacted>, authorityHostOverride=" + authorityHostOverride
        + ", requestTimeout=" + requestTimeout + ", httpAllowedHosts=" + httpAllowedHosts + "]";
  }

  private static void requireHttpsOrAllowedHttp(String name, URI uri, Set<String> httpAllowedHosts) {
    if (LoopbackHttp.isHttpsOrAllowedHttp(uri, httpAllowedHosts)) {
      return;
    }
    throw new IllegalArgumentException(
        name + " must use https (plain http only on a loopback host or an allowed one), got " + uri);
  }

  private static Set<String> lowerCase(Set<String> hosts) {
    if (hosts == null) {
      return Set.of();
    }
    return hosts.stream().map(String::strip).filter(h -> !h.isEmpty()).map(h -> h.toLowerCase(Locale.ROOT))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  private static URI absolute(String name, String value) {
    try {
      URI uri = new URI(value);
      if (!uri.isAbsolute() || uri.getHost() == null) {
        throw new IllegalArgumentException(name + " must be an absolute URL with a host, got " + value);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name + " is not a valid URL: " + value, e);
    }
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static String stripTrailingSlash(String value) {
    String v = value;
    while (v.endsWith("/")) {
      v = v.substring(0, v.length() - 1);
    }
    return v;
  }
}
