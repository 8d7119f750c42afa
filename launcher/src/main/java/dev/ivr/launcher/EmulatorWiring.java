package dev.ivr.launcher;

import dev.ivr.activities.graph.GraphSettings;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.worker.WorkerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/** How the embedded parts point at the emulator: the development-only configuration, in one place. */
public final class EmulatorWiring {
  private EmulatorWiring() {}

  /** Worker settings that reach Graph and its token endpoint at the emulator. */
  public static WorkerSettings workerSettings(GraphEmulator emulator, String temporalTarget, Path recordingsDir) {
    EmulatorConfig graph = emulator.config();
    return new WorkerSettings(temporalTarget, "default",
        new GraphSettings(emulator.graphBaseUrl(), null, graph.tenantId(), graph.clientId(), graph.clientSecret(),
            emulator.baseUrl(), null),
        recordingsDir);
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
