package dev.ivr.launcher;

import dev.ivr.api.ApiApplication;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.worker.CallSearchAttributeRegistration;
import dev.ivr.worker.CallWorker;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole system on its embedded defaults, in one JVM: a port-bound Temporal test server running
 * in real time, the Graph emulator, the worker and the api. Production runs the same worker and api
 * against Microsoft Graph and a Temporal cluster; only configuration differs.
 */
public final class EmbeddedSystem implements AutoCloseable {
  private final TestServer.PortBoundTestServer temporal;
  private final GraphEmulator emulator;
  private final CallWorker worker;
  private final ConfigurableApplicationContext api;
  private final WorkflowServiceStubs clientService;
  private final WorkflowClient client;
  private final Endpoints endpoints;
  private final String operatorPassword;

  /** Where each part listens. */
  public record Endpoints(String temporalTarget, String emulatorBaseUrl, String apiBaseUrl, String callbackUri, Path recordingsDir) {}

  /**
   * Ports are 0 for "any free port"; recordings go under {@code recordingsDir}; {@code apiArguments}
   * are extra Spring command-line arguments of the api (e.g. another flows directory);
   * {@code emulatorConfig} adjusts the emulator's configuration (e.g. a benchmark knob).
   */
  public record Options(int temporalPort, int emulatorPort, int apiPort, double emulatorTimeScale, Path recordingsDir,
      List<String> apiArguments, UnaryOperator<EmulatorConfig> emulatorConfig) {
    public Options {
      apiArguments = List.copyOf(apiArguments);
      emulatorConfig = emulatorConfig == null ? UnaryOperator.identity() : emulatorConfig;
    }

    public Options(int temporalPort, int emulatorPort, int apiPort, double emulatorTimeScale, Path recordingsDir) {
      this(temporalPort, emulatorPort, apiPort, emulatorTimeScale, recordingsDir, List.of(), null);
    }

    public static Options defaults() {
      return new Options(0, 0, 0, 1.0, Path.of("recordings"));
    }

    public Options withRecordingsDir(Path dir) {
      return new Options(temporalPort, emulatorPort, apiPort, emulatorTimeScale, dir, apiArguments, emulatorConfig);
    }

    public Options withEmulatorTimeScale(double scale) {
      return new Options(temporalPort, emulatorPort, apiPort, scale, recordingsDir, apiArguments, emulatorConfig);
    }

    public Options withApiArguments(List<String> arguments) {
      return new Options(temporalPort, emulatorPort, apiPort, emulatorTimeScale, recordingsDir, arguments,
          emulatorConfig);
    }

    public Options withEmulatorConfig(UnaryOperator<EmulatorConfig> adjust) {
      return new Options(temporalPort, emulatorPort, apiPort, emulatorTimeScale, recordingsDir, apiArguments, adjust);
    }
  }

  private EmbeddedSystem(Options options) {
    int temporalPort = options.temporalPort() == 0 ? EmulatorWiring.freePort() : options.temporalPort();
    temporal = TestServer.createPortBoundServer(temporalPort);
    String temporalTarget = "127.0.0.1:" + temporalPort;
    clientService = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget).build());
    // the test server starts empty: register the call search attributes before any call upserts them
    CallSearchAttributeRegistration.register(clientService, "default");

    emulator = GraphEmulator.start(options.emulatorConfig().apply(EmulatorConfig.defaults()
        .withPort(options.emulatorPort())
        .withTimeScale(options.emulatorTimeScale())));
    worker = CallWorker.start(EmulatorWiring.workerSettings(emulator, temporalTarget, options.recordingsDir()));

    int apiPort = options.apiPort() == 0 ? EmulatorWiring.freePort() : options.apiPort();
    String apiBaseUrl = "http://127.0.0.1:" + apiPort;
    // command-line arguments, so they win over the api's own application.properties
    operatorPassword = EmulatorWiring.newPassword();
    List<String> apiArgs = new ArrayList<>(List.of(
        "--server.port=" + apiPort,
        "--server.address=127.0.0.1",
        "--spring.temporal.connection.target=" + temporalTarget,
        "--ivr.public-base-url=" + apiBaseUrl,
        // the console plays recordings from the worker's store
        "--ivr.recordings.dir=" + options.recordingsDir().toAbsolutePath()));
    apiArgs.addAll(EmulatorWiring.apiArguments(emulator, operatorPassword));
    apiArgs.addAll(options.apiArguments());
    api = new SpringApplicationBuilder(ApiApplication.class).run(apiArgs.toArray(String[]::new));
    String callbackUri = apiBaseUrl + api.getEnvironment().getProperty("ivr.callback.path", "/callbacks/calling");

    client = WorkflowClient.newInstance(clientService);
    endpoints = new Endpoints(temporalTarget, emulator.baseUrl(), apiBaseUrl, callbackUri,
        options.recordingsDir().toAbsolutePath());
  }

  public static EmbeddedSystem start(Options options) {
    return new EmbeddedSystem(options);
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  /** Where Prometheus scrapes the worker (Temporal SDK, workflow and activity metrics), if it serves them. */
  public java.util.Optional<String> workerMetricsUrl() {
    return worker.metricsUrl();
  }

  public GraphEmulator emulator() {
    return emulator;
  }

  /** HTTP Basic credentials of the development operator, {@code operator:<password>}. */
  public String operatorCredentials() {
    return EmulatorWiring.DEV_OPERATOR + ":" + operatorPassword;
  }

  public WorkflowClient client() {
    return client;
  }

  @Override
  public void close() {
    api.close();
    worker.close();
    clientService.shutdown();
    emulator.close();
    temporal.close();
  }
}
