package dev.ivr.emulator;

import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The emulator's Entra ID directory for operator sign-in: one app registration (the IVR api and its
 * console: client id, secret, redirect URIs and app roles), the users who may sign in to it (with
 * their app-role assignments and group memberships), and the client apps (scripts, daemons) that
 * hold application permissions on it. Immutable: every {@code withX} returns a copy.
 *
 * <p>{@link #development()} is what {@link EmulatorConfig#defaults()} holds: users for each role,
 * a group, a user without a role and a script client; passwords and secrets are new on each call.
 */
public record EntraDirectory(App app, List<User> users, List<Client> clients) {

  /** The app role that lets a user or client look: calls, recordings, flows. */
  public static final String VIEWER_ROLE = "IVR.Viewer";
  /** The app role that lets a user or client act: hang up, transfer, announce, place calls, reload flows. */
  public static final String OPERATOR_ROLE = "IVR.Operator";
  /** The development directory's operators group: its members hold no app role of their own. */
  public static final String OPERATORS_GROUP = "0b5e7a11-0000-4000-8000-00000000060a";

  private static final Pattern GUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final SecureRandom RANDOM = new SecureRandom();

  public EntraDirectory {
    Objects.requireNonNull(app, "app");
    users = List.copyOf(users);
    clients = List.copyOf(clients);
    List<String> names = new ArrayList<>();
    for (User u : users) {
      if (names.contains(u.username())) throw new IllegalArgumentException("two users named " + u.username());
      names.add(u.username());
      for (String role : u.roles()) {
        if (!app.appRoles().contains(role)) {
          throw new IllegalArgumentException(u.username() + ": " + role + " is not an app role of " + app.displayName());
        }
      }
    }
  }

  /**
   * The app registration users sign in to, and the audience of its access tokens.
   *
   * @param redirectUris the web platform's redirect URIs: the authorize endpoint sends codes to these
   *     only (exact match), and end-session returns to these only
   */
  public record App(String clientId, String clientSecret, String displayName, List<String> redirectUris,
      List<String> appRoles) {
    public App {
      requireGuid(clientId, "app client id");
      Objects.requireNonNull(clientSecret, "clientSecret");
      Objects.requireNonNull(displayName, "displayName");
      redirectUris = List.copyOf(redirectUris);
      redirectUris.forEach(EntraDirectory::requireAbsoluteUri);
      appRoles = List.copyOf(appRoles);
    }

    /** Its Application ID URI, as the portal proposes it: {@code api://<client id>}. */
    public String appIdUri() {
      return "api://" + clientId;
    }

    @Override
    public String toString() {
      return "App[clientId=" + clientId + ", displayName=" + displayName + ", redirectUris=" + redirectUris
          + ", appRoles=" + appRoles + ", clientSecret=<redacted>]";
    }
  }

  /**
   * A member of the directory.
   *
   * @param username the user principal name, typed at sign-in ({@code preferred_username})
   * @param displayName the {@code name} claim
   * @param oid the object id (a GUID), the {@code oid} claim
   * @param roles app roles assigned on the {@link App} (the {@code roles} claim)
   * @param groups group object ids (the {@code groups} claim)
   */
  public record User(String username, String displayName, String oid, String password, List<String> roles,
      List<String> groups) {
    public User {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(displayName, "displayName");
      requireGuid(oid, "user oid");
      Objects.requireNonNull(password, "password");
      roles = List.copyOf(roles);
      groups = List.copyOf(groups);
      groups.forEach(g -> requireGuid(g, "group id"));
    }

    @Override
    public String toString() {
      return "User[username=" + username + ", displayName=" + displayName + ", oid=" + oid + ", roles=" + roles
          + ", groups=" + groups + ", password=<redacted>]";
    }
  }

  /**
   * A client app (a script, a daemon) that gets tokens for the {@link App} with the client-credentials
   * grant; {@code roles} are the application permissions (app roles) granted to it, with admin consent.
   */
  public record Client(String clientId, String clientSecret, String displayName, List<String> roles) {
    public Client {
      requireGuid(clientId, "client id");
      Objects.requireNonNull(clientSecret, "clientSecret");
      Objects.requireNonNull(displayName, "displayName");
      roles = List.copyOf(roles);
    }

    /** The object id of the client's service principal in this tenant (its tokens' {@code oid}). */
    public String servicePrincipalId() {
      return "5e000000" + clientId.substring(8);
    }

    @Override
    public String toString() {
      return "Client[clientId=" + clientId + ", displayName=" + displayName + ", roles=" + roles
          + ", clientSecret=<redacted>]";
    }
  }

  /**
   * The development directory: the app "IVR operator console" with app roles {@value #VIEWER_ROLE}
   * and {@value #OPERATOR_ROLE} and no redirect URI yet ({@link #withRedirectUris}); users
   * {@code vera@ivr.test} (viewer), {@code olivia@ivr.test} (operator), {@code gus@ivr.test} (no app
   * role, member of {@link #OPERATORS_GROUP}) and {@code nora@ivr.test} (no role, no group); the
   * client "IVR scripts" with {@value #OPERATOR_ROLE}. Passwords and secrets are random.
   */
  public static EntraDirectory development() {
    App app = new App("c0a50000-0000-4000-8000-00000000c0de", secret(), "IVR operator console", List.of(),
        List.of(VIEWER_ROLE, OPERATOR_ROLE));
    List<User> users = List.of(
        new User("vera@ivr.test", "Vera Viewer", "7e4a0001-0000-4000-8000-000000000001", secret(),
            List.of(VIEWER_ROLE), List.of()),
        new User("olivia@ivr.test", "Olivia Operator", "7e4a0002-0000-4000-8000-000000000002", secret(),
            List.of(OPERATOR_ROLE), List.of()),
        new User("gus@ivr.test", "Gus Group", "7e4a0003-0000-4000-8000-000000000003", secret(),
            List.of(), List.of(OPERATORS_GROUP)),
        new User("nora@ivr.test", "Nora Norole", "7e4a0004-0000-4000-8000-000000000004", secret(),
            List.of(), List.of()));
    List<Client> clients = List.of(
        new Client("5c217000-0000-4000-8000-000000000005", secret(), "IVR scripts", List.of(OPERATOR_ROLE)));
    return new EntraDirectory(app, users, clients);
  }

  /** The same directory, its app's redirect URIs replaced. */
  public EntraDirectory withRedirectUris(List<String> redirectUris) {
    return new EntraDirectory(new App(app.clientId(), app.clientSecret(), app.displayName(), redirectUris,
        app.appRoles()), users, clients);
  }

  /** The same directory with {@code user} added, or replacing the user of the same name. */
  public EntraDirectory withUser(User user) {
    List<User> all = new ArrayList<>(users.stream().filter(u -> !u.username().equals(user.username())).toList());
    all.add(user);
    return new EntraDirectory(app, all, clients);
  }

  /** The user signing in as {@code username} (case-insensitive, as Entra matches UPNs). */
  public Optional<User> user(String username) {
    if (username == null) return Optional.empty();
    String wanted = username.trim().toLowerCase(Locale.ROOT);
    return users.stream().filter(u -> u.username().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
  }

  /** The user of that object id. */
  public Optional<User> userById(String oid) {
    return users.stream().filter(u -> u.oid().equalsIgnoreCase(oid)).findFirst();
  }

  public Optional<Client> client(String clientId) {
    return clients.stream().filter(c -> c.clientId().equalsIgnoreCase(clientId)).findFirst();
  }

  private static String secret() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void requireGuid(String value, String what) {
    if (value == null || !GUID.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must be a GUID, got " + value);
    }
  }

  private static void requireAbsoluteUri(String uri) {
    URI parsed = URI.create(uri);
    if (!parsed.isAbsolute() || parsed.getRawFragment() != null) {
      throw new IllegalArgumentException("a redirect URI is absolute, without a fragment: " + uri);
    }
  }
}
