package dev.ivr.flowtools;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code flows/routing.yaml}: which flow a call runs, by the identity that was called.
 *
 * <pre>
 * default: voicemail                        # a flow id or alias: calls no route matches
 * aliases:
 *   support: main-menu                      # follows main-menu's current version
 *   support-stable: main-menu@3fa2c1d4e5f6  # pinned to a version this process has loaded
 * routes:                                   # called identity → flow id or alias
 *   "8f1c2a77-0000-4000-8000-00000000a11c": support   # an application instance (or application) id
 *   "+14255550100": voicemail                        # a phone number, E.164
 * </pre>
 *
 * An alias may also split new calls between targets by percentage, for a gradual rollout; the
 * percentages add up to 100, and each call lands on one target, decided by its call id:
 * {@code support: {split: {main-menu@3fa2c1d4e5f6: 90, main-menu: 10}}} ({@link #splits()}).
 *
 * <p>{@code routes} may also be a list, whose entries can give the call initial variables:
 * {@code - {identity: "+33170000000", flow: support, variables: {locale: fr-FR}}}.
 *
 * <p>Identities match ignoring case, and phone numbers ignoring spaces, dashes, dots, brackets and
 * a {@code tel:} prefix.
 */
public record RoutingTable(String defaultTarget, Map<String, String> aliases, Map<String, Route> routes,
    Map<String, Map<String, Integer>> splits) {

  /** Where calls to one identity go: a flow id or alias, and the call's initial variables. */
  public record Route(String flow, Map<String, Object> variables) {
    public Route {
      variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }
  }

  /** A table without split aliases. */
  public RoutingTable(String defaultTarget, Map<String, String> aliases, Map<String, Route> routes) {
    this(defaultTarget, aliases, routes, null);
  }

  public RoutingTable {
    aliases = aliases == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
    Map<String, Map<String, Integer>> arms = new LinkedHashMap<>();
    if (splits != null) {
      splits.forEach((alias, split) -> arms.put(alias, Collections.unmodifiableMap(new LinkedHashMap<>(split))));
    }
    splits = Collections.unmodifiableMap(arms);
    Map<String, Route> normalised = new LinkedHashMap<>();
    if (routes != null) {
      routes.forEach((identity, route) -> normalised.put(normalise(identity), route));
    }
    routes = Collections.unmodifiableMap(normalised);
  }

  /** The route for {@code calledIdentity}, else the default (without variables). */
  public Route routeFor(String calledIdentity) {
    if (calledIdentity != null) {
      Route route = routes.get(normalise(calledIdentity));
      if (route != null) {
        return route;
      }
    }
    return new Route(defaultTarget, null);
  }

  /** The flow id or alias for {@code calledIdentity}, else the default. */
  public String targetFor(String calledIdentity) {
    return routeFor(calledIdentity).flow();
  }

  /** The key an identity is matched by. */
  public static String normalise(String identity) {
    String id = identity.trim().toLowerCase(Locale.ROOT);
    if (id.startsWith("tel:")) {
      id = id.substring(4);
    }
    if (id.matches("\\+?[0-9 ().-]+")) {
      id = id.replaceAll("[ ().-]", "");
    }
    return id;
  }
}
