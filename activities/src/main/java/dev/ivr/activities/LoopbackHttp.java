package dev.ivr.activities;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule for plain http in the activities: a token, a Graph request or a recording download
 * goes over https, or over http only to a loopback host, or to a host of an explicit allowance
 * ({@code IVR_GRAPH_HTTP_ALLOWED_HOSTS}: development against the Graph emulator, e.g. in compose).
 */
public final class LoopbackHttp {
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

  private LoopbackHttp() {}

  /** {@code localhost}, any 127/8 address, and {@code ::1} in either spelling, with or without brackets. */
  public static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || IPV4_LOOPBACK.matcher(h).matches();
  }

  /** Whether the URI is https, or plain http to a loopback host. */
  public static boolean isHttpsOrLoopbackHttp(URI uri) {
    return isHttpsOrAllowedHttp(uri, Set.of());
  }

  /** Plain http may go to {@code host}: a loopback host, or one of {@code allowedHosts} (lower case). */
  public static boolean plainHttpAllowed(String host, Set<String> allowedHosts) {
    return isLoopback(host) || host != null && allowedHosts.contains(host.toLowerCase(Locale.ROOT));
  }

  /** Whether the URI is https, or plain http to a host {@link #plainHttpAllowed allowed} it. */
  public static boolean isHttpsOrAllowedHttp(URI uri, Set<String> allowedHosts) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("https") || scheme.equals("http") && plainHttpAllowed(uri.getHost(), allowedHosts);
  }
}
