package dev.ivr.emulator;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone:
 * {@code java -jar graph-emulator-0.1.0-SNAPSHOT-standalone.jar --port 8089 [--time-scale 1]
 * [--tenant T] [--client-id C] [--client-secret S] [--seed N] [--host 127.0.0.1]
 * [--issuer https://graph.microsoft.com|https://api.botframework.com] [--retries 2]
 * [--allow-http-host api,worker] [--public-base-url http://graph-emulator:8089] [--payloads docs|rich]
 * [--resource-url-ids squashed|as-is]
 * [--sign-in-redirect-uri http://127.0.0.1:8080/login/oauth2/code/entra,http://127.0.0.1:8080/console/signed-out]}.
 * It prints the Entra directory operators sign in with: the app, its users and their passwords.
 */
public final class GraphEmulatorMain {

  private GraphEmulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    EmulatorConfig config;
    try {
      config = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("graph-emulator: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    GraphEmulator emulator = GraphEmulator.start(config);
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emulator.close();
      stop.countDown();
    }, "graph-emulator-shutdown"));
    System.out.println("Graph emulator listening on " + emulator.baseUrl());
    System.out.println("  Graph:   " + emulator.graphBaseUrl());
    System.out.println("  Token:   " + emulator.tokenEndpoint());
    System.out.println("  Admin:   " + emulator.baseUrl() + "/admin");
    System.out.println("  tenant " + config.tenantId() + ", client " + config.clientId() + ", time scale " + config.timeScale());
    EntraDirectory directory = config.directory();
    System.out.println("  Entra sign-in: authority " + emulator.entraAuthority() + ", app " + directory.app().clientId()
        + " (secret " + directory.app().clientSecret() + "), redirect URIs " + directory.app().redirectUris());
    for (EntraDirectory.User user : directory.users()) {
      System.out.println("    user " + user.username() + " / " + user.password() + "  roles " + user.roles()
          + " groups " + user.groups());
    }
    System.out.flush();
    stop.await();
  }

  static String usage() {
    return "usage: graph-emulator [--port N] [--host H] [--time-scale X] [--tenant ID] [--client-id ID]"
        + " [--client-secret S] [--seed N] [--issuer URL] [--retries N] [--allow-http-host h1,h2]"
        + " [--public-base-url URL] [--payloads docs|rich] [--resource-url-ids squashed|as-is]"
        + " [--sign-in-redirect-uri URL[,URL]]";
  }

  static EmulatorConfig parse(String[] args) {
    EmulatorConfig c = EmulatorConfig.defaults();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) throw new IllegalArgumentException("help");
      String name = a;
      String value;
      int eq = a.indexOf('=');
      if (eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      } else {
        if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
        value = args[++i];
      }
      try {
        c = switch (name) {
          case "--port" -> c.withPort(Integer.parseInt(value));
          case "--host" -> c.withHost(value);
          case "--time-scale" -> c.withTimeScale(Double.parseDouble(value));
          case "--tenant" -> c.withTenantId(value);
          case "--client-id" -> c.withClientId(value);
          case "--client-secret" -> c.withClientSecret(value);
          case "--seed" -> c.withSeed(Long.parseLong(value));
          case "--issuer" -> c.withNotificationIssuer(value);
          case "--retries" -> c.withNotificationRetries(Integer.parseInt(value));
          case "--allow-http-host" -> c.withHttpAllowedHosts(java.util.Set.of(value.split(",")));
          case "--public-base-url" -> c.withPublicBaseUrl(value);
          case "--sign-in-redirect-uri" -> c.withDirectory(c.directory().withRedirectUris(List.of(value.split(","))));
          case "--payloads" -> c.withPayloadStyle(switch (value) {
            case "docs" -> PayloadStyle.DOCS;
            case "rich" -> PayloadStyle.RICH;
            default -> throw new IllegalArgumentException("--payloads must be docs or rich, got " + value);
          });
          case "--resource-url-ids" -> c.withSquashedResourceUrlIds(switch (value) {
            case "squashed" -> true;
            case "as-is" -> false;
            default -> throw new IllegalArgumentException("--resource-url-ids must be squashed or as-is, got " + value);
          });
          default -> throw new IllegalArgumentException("unknown option " + name);
        };
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + ": not a number: " + value);
      }
    }
    return c;
  }
}
