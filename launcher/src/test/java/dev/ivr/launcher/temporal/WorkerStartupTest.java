package dev.ivr.embedded.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.embedded.EmulatorWiring;
import dev.ivr.worker.CallSearchAttributeRegistration;
import dev.ivr.worker.CallWorker;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker refuses to start in a namespace that lacks a call search attribute (a cluster upgraded
 * without running setup-namespace.sh): every call's first upsert would fail its workflow task again
 * and again. The error says which attributes and what to run.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkerStartupTest {
  @TempDir Path work;

  @Test
  void aNamespaceWithoutTheCallSearchAttributes_stopsTheWorkerAtStart_namingThemAndTheFix() {
    DevServer.Settings settings = DevServer.Settings.inMemory(TemporalCli.locate(true))
        .withLogFile(work.resolve("temporal.log")).headless();
    settings = new DevServer.Settings(settings.cli(), null, 0, -1, 0, 0, List.of("bare"), Map.of(), settings.logFile(),
        null, null);
    try (DevServer server = DevServer.start(settings);
         GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults())) {
      WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
      try {
        assertThat(CallSearchAttributeRegistration.missing(service, "bare"))
            .containsExactlyElementsOf(CallSearchAttributeRegistration.LISTED.keySet());
        CallSearchAttributeRegistration.register(service, "default");
        assertThat(CallSearchAttributeRegistration.missing(service, "default")).isEmpty();
      } finally {
        service.shutdownNow();
      }
      assertThatThrownBy(() -> CallWorker.start(EmulatorWiring.workerSettings(emulator, server.target(),
          work.resolve("recordings")).withNamespace("bare")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("CallOutcome").hasMessageContaining("FlowId")
          .hasMessageContaining("namespace bare")
          .hasMessageContaining("deploy/temporal/setup-namespace.sh");
      CallWorker.start(EmulatorWiring.workerSettings(emulator, server.target(), work.resolve("recordings"))).close();
    }
  }
}
