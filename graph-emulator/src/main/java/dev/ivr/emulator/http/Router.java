package dev.ivr.emulator.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The route table: method + path pattern ({@code /v1.0/communications/calls/{id}}) to handler.
 * Literal segments match case-insensitively, as Graph's OData routing does. First match wins.
 */
public final class Router {

  private final List<Route> routes = new ArrayList<>();

  /** One row of the table. */
  public record Route(String method, String pattern, Handler handler) {
    String[] segments() {
      return pattern.substring(1).split("/", -1);
    }
  }

  public Router add(String method, String pattern, Handler handler) {
    routes.add(new Route(method, pattern, handler));
    return this;
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /** The matching route with its path variables bound, or null; a path match with another method is a 405. */
  public Match match(String method, String path) {
    String[] parts = (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
    boolean pathMatched = false;
    for (Route r : routes) {
      Map<String, String> vars = bind(r.segments(), parts);
      if (vars == null) continue;
      if (r.method().equalsIgnoreCase(method)) return new Match(r, vars);
      pathMatched = true;
    }
    return pathMatched ? new Match(null, Map.of()) : null;
  }

  /** A match; a null route means "path known, method not allowed". */
  public record Match(Route route, Map<String, String> vars) {}

  private static Map<String, String> bind(String[] pattern, String[] parts) {
    if (pattern.length != parts.length) return null;
    Map<String, String> vars = new HashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      String p = pattern[i];
      if (p.startsWith("{") && p.endsWith("}")) {
        if (parts[i].isEmpty()) return null;
        vars.put(p.substring(1, p.length() - 1), parts[i]);
      } else if (!p.equalsIgnoreCase(parts[i])) {
        return null;
      }
    }
    return vars;
  }
}
