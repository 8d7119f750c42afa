package dev.ivr.api.support;

import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.EntraDirectory;
import dev.ivr.emulator.GraphEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An api signing operators in with the emulator's Entra ID: its port is chosen first (the app
 * registration's redirect URIs name it, as an administrator registers them), then the emulator
 * starts with that registration, then the api's properties point at it.
 */
public final class EntraTestSetup {

  public final int apiPort = freePort();
  /** Where browsers reach the api: its own port, or an ingress's ({@link #behindAProxy()}). */
  public final int publicPort;
  public final GraphEmulator emulator;

  public EntraTestSetup() {
    this(false);
  }

  private EntraTestSetup(boolean proxied) {
    publicPort = proxied ? freePort() : apiPort;
    emulator = GraphEmulator.start(EmulatorConfig.defaults()
        .withDirectory(EntraDirectory.development().withRedirectUris(List.of(
            "http://127.0.0.1:" + publicPort + "/login/oauth2/code/entra",
            "http://127.0.0.1:" + publicPort + "/console/signed-out"))));
  }

  /** The api behind an ingress on another port: the redirect URIs are the ingress's. */
  public static EntraTestSetup behindAProxy() {
    return new EntraTestSetup(true);
  }

  /** Sign-in, bearer tokens, flows from the repository, notifications unchecked (not under test here). */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> apiPort);
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("ivr.flows.dir", () -> "../flows");
    registry.add("ivr.flows.routing", () -> "../flows/routing.yaml");
    registry.add("ivr.prompts.dir", () -> "../flows/prompts");
    registry.add("ivr.notifications.auth.mode", () -> "disabled-for-development");
    registry.add("ivr.security.entra.authority", emulator::entraAuthority);
    registry.add("ivr.security.entra.tenant-id", () -> emulator.config().tenantId());
    registry.add("ivr.security.entra.client-id", () -> emulator.directory().app().clientId());
    registry.add("ivr.security.entra.client-secret", () -> emulator.directory().app().clientSecret());
    registry.add("ivr.security.entra.groups.operator", () -> EntraDirectory.OPERATORS_GROUP);
  }

  public EntraDirectory.User user(String username) {
    return emulator.directory().user(username).orElseThrow();
  }

  public EntraBrowser browser() {
    return new EntraBrowser(publicPort, emulator);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
