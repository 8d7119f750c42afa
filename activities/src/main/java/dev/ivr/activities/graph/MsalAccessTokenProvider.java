package dev.ivr.activities.graph;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import dev.ivr.activities.LoopbackHttp;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kiota's token source for the Graph SDK: an msal4j client-credentials token for
 * {@value #GRAPH_SCOPE}, served from msal4j's cache while it is valid.
 *
 * <p>Kiota checks neither host nor scheme for a custom provider, so this class does: a request to a
 * host other than the configured Graph host gets no token ({@code ""}, so no Authorization header),
 * and a request over plain http is refused unless both it and the configured Graph base URL are on a
 * loopback host. The token itself is never logged.
 */
final class MsalAccessTokenProvider implements AccessTokenProvider {
  /** The app-only scope of Microsoft Graph; the emulator accepts the same scope. */
  static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";

  private static final Logger log = LoggerFactory.getLogger(MsalAccessTokenProvider.class);

  private final ConfidentialClientApplication app;
  private final AllowedHostsValidator allowedHosts;
  private final boolean plainHttpGraph;
  private final java.util.Set<String> httpAllowedHosts;
  private final Duration timeout;
  private final String clientId;

  MsalAccessTokenProvider(GraphSettings settings) {
    this.allowedHosts = new AllowedHostsValidator(settings.graphHost());
    this.plainHttpGraph = settings.graphIsLoopbackHttp();
    this.httpAllowedHosts = settings.httpAllowedHosts();
    this.timeout = settings.requestTimeout();
    this.clientId = settings.clientId();
    try {
      ConfidentialClientApplication.Builder builder = ConfidentialClientApplication
          .builder(settings.clientId(), ClientCredentialFactory.createFromSecret(settings.clientSecret()))
          .authority(settings.tenantAuthority());
      int millis = (int) Math.min(Integer.MAX_VALUE, settings.requestTimeout().toMillis());
      if (settings.authorityHostOverride() != null) {
        // Development: no instance discovery (the stand-in serves only the token endpoint).
        builder.httpClient(new AuthorityForwardingHttpClient(
                settings.authority(), settings.authorityHostOverride(), settings.requestTimeout()))
            .instanceDiscovery(false);
      } else {
        builder.connectTimeoutForDefaultHttpClient(millis).readTimeoutForDefaultHttpClient(millis);
      }
      this.app = builder.build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("authority is not a valid URL: " + settings.tenantAuthority(), e);
    }
  }

  @Override
  public String getAuthorizationToken(URI uri, Map<String, Object> additionalAuthenticationContext) {
    if (uri == null || uri.getHost() == null || !allowedHosts.isUrlHostValid(uri)) {
      log.warn("not sending the Graph token to host {}: it is not the configured Graph host",
          uri == null ? null : uri.getHost());
      return "";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean secure = scheme.equals("https");
    boolean plainHttp = scheme.equals("http") && plainHttpGraph
        && LoopbackHttp.plainHttpAllowed(uri.getHost(), httpAllowedHosts);
    if (!secure && !plainHttp) {
      throw new IllegalArgumentException("Only https is supported for Graph requests (plain http only when "
          + "Graph itself is configured on a loopback or allowed host), got " + scheme + "://" + uri.getHost());
    }
    return acquire().accessToken();
  }

  @Override
  public AllowedHostsValidator getAllowedHostsValidator() {
    return allowedHosts;
  }

  private IAuthenticationResult acquire() {
    ClientCredentialParameters parameters = ClientCredentialParameters.builder(Set.of(GRAPH_SCOPE)).build();
    try {
      return app.acquireToken(parameters).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenAcquisitionException("interrupted while acquiring a Graph token", true, e);
    } catch (TimeoutException e) {
      throw new TokenAcquisitionException("no Graph token within " + timeout, true, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof MsalServiceException service) {
        int status = service.statusCode();
        // 400/401: wrong tenant, client id or secret; retrying cannot help.
        boolean retryable = status == 0 || status == 408 || status == 429 || status >= 500;
        throw new TokenAcquisitionException("the token endpoint refused client " + clientId + ": HTTP "
            + status + " " + service.errorCode(), retryable, cause);
      }
      throw new TokenAcquisitionException("could not acquire a Graph token: " + cause.getClass().getSimpleName()
          + (hasIoCause(cause) ? " (I/O)" : ""), true, cause);
    }
  }

  private static boolean hasIoCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** The token could not be obtained; {@link #retryable()} says whether trying again can help. */
  static final class TokenAcquisitionException extends RuntimeException {
    private final boolean retryable;

    TokenAcquisitionException(String message, boolean retryable, Throwable cause) {
      super(message, cause);
      this.retryable = retryable;
    }

    boolean retryable() {
      return retryable;
    }
  }
}
