package dev.ivr.launcher;

import dev.ivr.activities.graph.GraphSettings;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.worker.WorkerSettings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/** How the embedded parts point at the emulator: the development-only configuration, in one place. */
public final class EmulatorWiring {
  private EmulatorWiring() {}

  /** Worker settings that reach Graph and its token endpoint at the emulator. */
  public static WorkerSettings workerSettings(GraphEmulator emulator, String temporalTarget, Path recordingsDir) {
    EmulatorConfig graph = emulator.config();
    return new WorkerSettings(temporalTarget, "default",
        new GraphSettings(emulator.graphBaseUrl(), null, graph.tenantId(), graph.clientId(), graph.clientSecret(),
            emulator.baseUrl(), null),
        recordingsDir).withMetrics(WorkerSettings.MetricsEndpoint.loopback());
  }

  /** The development operator of the embedded api (role operator); its password is new every run. */
  public static final String DEV_OPERATOR = "operator";

  /**
   * What the api needs to trust the emulator: notification tokens are validated against the
   * emulator's OpenID configuration and keys, its app id and tenant; plus a development operator
   * account for the operator endpoints.
   */
  public static List<String> apiArguments(GraphEmulator emulator, String operatorPassword) {
    return List.of(
        "--ivr.notifications.auth.openid-configuration-url=" + emulator.notificationOpenIdConfigurationUrl(),
        "--ivr.notifications.auth.audience=" + emulator.config().clientId(),
        "--ivr.notifications.auth.allowed-tenants=" + emulator.config().tenantId(),
        "--ivr.security.users." + DEV_OPERATOR + ".password={noop}" + operatorPassword,
        "--ivr.security.users." + DEV_OPERATOR + ".roles=operator");
  }

  /** A random password for the development operator. */
  public static String newPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static int freePort() {
    return LoopbackPorts.free();
  }
}
