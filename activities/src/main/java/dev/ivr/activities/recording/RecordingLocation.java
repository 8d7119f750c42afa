package dev.ivr.activities.recording;

import dev.ivr.activities.LoopbackHttp;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a recording may be downloaded from: Graph's {@code recordingLocation} (and each redirect)
 * must be https, or plain http on a loopback host or a host of the development allowance
 * ({@code IVR_GRAPH_HTTP_ALLOWED_HOSTS}); the {@code recordingAccessToken} goes only to the
 * location's own origin; and a location is logged without its query, which may carry a signature.
 */
final class RecordingLocation {
  private RecordingLocation() {}

  /** The location as a URI: https, or plain http on a loopback host (development). */
  static URI checked(String location) {
    return checked(location, java.util.Set.of());
  }

  /** The same, also accepting plain http on the hosts of {@code httpAllowedHosts} (lower case). */
  static URI checked(String location, java.util.Set<String> httpAllowedHosts) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("the recording location is missing");
    }
    URI uri;
    try {
      uri = new URI(location.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the recording location is not a valid URL");
    }
    if (uri.getHost() == null || !LoopbackHttp.isHttpsOrAllowedHttp(uri, httpAllowedHosts)) {
      throw new IllegalArgumentException("the recording location must be https (plain http only on a loopback "
          + "or allowed host), got " + redacted(uri));
    }
    return uri;
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    return uri.getPort() != -1 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
  }

  /** Scheme, host, port and path: never the query string, which may carry a signature. */
  static String redacted(URI uri) {
    if (uri == null) {
      return "<none>";
    }
    String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
    return uri.getScheme() + "://" + uri.getHost() + port + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }
}
