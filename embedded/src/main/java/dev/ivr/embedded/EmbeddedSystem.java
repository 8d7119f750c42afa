package dev.ivr.embedded;

import dev.ivr.activities.recording.RecordingUrls;
import dev.ivr.api.ApiApplication;
import dev.ivr.codec.PayloadKeys;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.EntraDirectory;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.embedded.temporal.TemporalChoice;
import dev.ivr.embedded.temporal.TemporalServer;
import dev.ivr.worker.CallWorker;
import dev.ivr.worker.WorkerTuning;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole system on its development defaults: a real Temporal server (the Temporal CLI's dev server,
 * a child process with its Web UI; or, as {@link Options#temporal()} says, the Java test server or a
 * server that runs already), and in this JVM the Graph emulator, the worker and the api. Production
 * runs the same worker and api against Microsoft Graph and a Temporal cluster; only configuration
 * differs.
 */
public final class EmbeddedSystem implements AutoCloseable {
  private TemporalServer temporal;
  private GraphEmulator emulator;
  private CallWorker worker;
  private ConfigurableApplicationContext api;
  private WorkflowServiceStubs clientService;
  private WorkflowClient client;
  private Endpoints endpoints;
  private String operatorPassword;
  private PayloadKeys payloadKeys;
  private dev.ivr.worker.WorkerSettings workerSettings;

  /** Where each part listens; {@code webUiUrl} is null where there is no Temporal Web UI. */
  public record Endpoints(String temporalTarget, String emulatorBaseUrl, String apiBaseUrl, String callbackUri,
      Path recordingsDir, String webUiUrl) {}

  /**
   * Ports are 0 for "any free port"; recordings go under {@code recordingsDir}; {@code apiArguments}
   * are extra Spring command-line arguments of the api (e.g. another flows directory);
   * {@code emulatorConfig} adjusts the emulator's configuration (e.g. a benchmark knob);
   * {@code temporal} is the Temporal server (default: a dev server in memory, on free ports);
   * {@code payloadKeys} encrypt every payload of the worker, the api and {@link #client()} (default: a
   * new random key per system, so that the embedded system runs encrypted like production;
   * {@link PayloadKeys#NONE} for plain payloads).
   */
  public record Options(int emulatorPort, int apiPort, double emulatorTimeScale, Path recordingsDir,
      List<String> apiArguments, UnaryOperator<EmulatorConfig> emulatorConfig, TemporalChoice temporal,
      PayloadKeys payloadKeys) {
    public Options {
      apiArguments = List.copyOf(apiArguments);
      emulatorConfig = emulatorConfig == null ? UnaryOperator.identity() : emulatorConfig;
      temporal = temporal == null ? TemporalChoice.devServer() : temporal;
      payloadKeys = payloadKeys == null ? PayloadKeys.parse(PayloadKeys.generateEntry("embedded")) : payloadKeys;
    }

    public Options(int emulatorPort, int apiPort, double emulatorTimeScale, Path recordingsDir,
        List<String> apiArguments, UnaryOperator<EmulatorConfig> emulatorConfig, TemporalChoice temporal) {
      this(emulatorPort, apiPort, emulatorTimeScale, recordingsDir, apiArguments, emulatorConfig, temporal, null);
    }

    public static Options defaults() {
      return new Options(0, 0, 1.0, Path.of("recordings"), List.of(), null, null);
    }

    public Options withPayloadKeys(PayloadKeys keys) {
      return new Options(emulatorPort, apiPort, emulatorTimeScale, recordingsDir, apiArguments, emulatorConfig, temporal,
          keys);
    }

    public Options withRecordingsDir(Path dir) {
      return new Options(emulatorPort, apiPort, emulatorTimeScale, dir, apiArguments, emulatorConfig, temporal, payloadKeys);
    }

    public Options withEmulatorTimeScale(double scale) {
      return new Options(emulatorPort, apiPort, scale, recordingsDir, apiArguments, emulatorConfig, temporal, payloadKeys);
    }

    public Options withApiArguments(List<String> arguments) {
      return new Options(emulatorPort, apiPort, emulatorTimeScale, recordingsDir, arguments, emulatorConfig, temporal, payloadKeys);
    }

    public Options withEmulatorConfig(UnaryOperator<EmulatorConfig> adjust) {
      return new Options(emulatorPort, apiPort, emulatorTimeScale, recordingsDir, apiArguments, adjust, temporal, payloadKeys);
    }

    public Options withTemporal(TemporalChoice choice) {
      return new Options(emulatorPort, apiPort, emulatorTimeScale, recordingsDir, apiArguments, emulatorConfig, choice, payloadKeys);
    }

    public Options withPorts(int emulator, int api) {
      return new Options(emulator, api, emulatorTimeScale, recordingsDir, apiArguments, emulatorConfig, temporal, payloadKeys);
    }
  }

  private EmbeddedSystem() {}

  private void startParts(Options options) {
    payloadKeys = options.payloadKeys();
    // the api's port first: the emulator's Entra app registration names its redirect URIs, and the dev
    // server's Web UI its codec server
    int apiPort = LoopbackPorts.orFree(options.apiPort());
    String apiBaseUrl = "http://127.0.0.1:" + apiPort;
    // a dev server's Web UI decodes payloads through the api's codec server (viewers and operators only)
    temporal = TemporalServer.start(options.temporal(), apiBaseUrl + "/codec");
    String temporalTarget = temporal.target();
    clientService = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget).build());
    client = WorkflowClient.newInstance(clientService, CallWorker.clientOptions(temporal.namespace(), payloadKeys));

    emulator = GraphEmulator.start(options.emulatorConfig().apply(EmulatorWiring.signInAt(EmulatorConfig.defaults()
        .withPort(LoopbackPorts.orFree(options.emulatorPort()))
        .withTimeScale(options.emulatorTimeScale()), apiBaseUrl)));
    // the key worker and api share to sign recording URLs: IVR_MEDIA_SIGNING_KEY, else a new one per run
    String mediaKey = EmulatorWiring.mediaSigningKey(System.getenv());
    workerSettings = EmulatorWiring.workerSettings(emulator, temporalTarget, options.recordingsDir())
        .withNamespace(temporal.namespace())
        .withRecordingUrls(RecordingUrls.fromEnvironment(mediaKey, System.getenv()));
    // pollers, slots and cache from the same environment variables as a standalone worker's (IVR_WORKER_*)
    worker = CallWorker.start(workerSettings.withPayloadKeys(payloadKeys)
        .withTuning(WorkerTuning.fromEnvironment(System.getenv())));

    // command-line arguments, so they win over the api's own application.properties
    operatorPassword = EmulatorWiring.newPassword();
    List<String> apiArgs = new ArrayList<>(List.of(
        "--server.port=" + apiPort,
        "--server.address=127.0.0.1",
        "--spring.temporal.connection.target=" + temporalTarget,
        "--spring.temporal.namespace=" + temporal.namespace(),
        "--ivr.public-base-url=" + apiBaseUrl,
        // the console plays recordings from the worker's store
        "--ivr.recordings.dir=" + options.recordingsDir().toAbsolutePath()));
    apiArgs.addAll(EmulatorWiring.apiArguments(emulator, operatorPassword));
    temporal.webUiUrl().ifPresent(ui -> apiArgs.add("--ivr.codec.allowed-origins=" + ui));
    apiArgs.addAll(options.apiArguments());
    PayloadKeys keys = payloadKeys;
    api = new SpringApplicationBuilder(ApiApplication.class)
        // the api's PayloadKeys bean: the same keys as the worker's, without writing them anywhere
        .initializers(context -> context.getBeanFactory().registerSingleton("payloadKeys", keys),
            context -> EmulatorWiring.shareMediaSigningKey(context, mediaKey))
        .run(apiArgs.toArray(String[]::new));
    String callbackUri = apiBaseUrl + api.getEnvironment().getProperty("ivr.callback.path", "/callbacks/calling");
    endpoints = new Endpoints(temporalTarget, emulator.baseUrl(), apiBaseUrl, callbackUri,
        options.recordingsDir().toAbsolutePath(), temporal.webUiUrl().orElse(null));
  }

  /** Starts every part; if one fails, stops those already started and rethrows. */
  public static EmbeddedSystem start(Options options) {
    EmbeddedSystem system = new EmbeddedSystem();
    try {
      system.startParts(options);
    } catch (RuntimeException | Error e) {
      system.close();
      throw e;
    }
    return system;
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

  /**
   * A person of the emulator's Entra directory who signs in to the console: {@code operator} (an
   * operator, Olivia) or {@code viewer} (a viewer, Vera). Passwords are new every run.
   */
  public EntraDirectory.User devUser(String role) {
    String username = switch (role) {
      case "operator" -> "olivia@ivr.test";
      case "viewer" -> "vera@ivr.test";
      default -> throw new IllegalArgumentException("no development user for role " + role);
    };
    return emulator.directory().user(username).orElseThrow();
  }

  /**
   * An Entra access token for the api, as a script gets one: the client-credentials grant of the
   * directory's script client (application permission {@code IVR.Operator}) at the emulator.
   */
  public String scriptAccessToken() {
    return EmulatorWiring.scriptAccessToken(emulator);
  }

  /** HTTP Basic credentials of the development fallback operator, {@code operator:<password>}. */
  public String operatorCredentials() {
    return EmulatorWiring.DEV_OPERATOR + ":" + operatorPassword;
  }

  public WorkflowClient client() {
    return client;
  }

  /**
   * Stops the worker and starts a new one with {@code keys}, as a deploy would (a key rotation, or a
   * worker that lacks a key); the api, the client and {@link #payloadKeys()} keep theirs.
   */
  public void restartWorker(PayloadKeys keys) {
    worker.close();
    worker = CallWorker.start(workerSettings.withPayloadKeys(keys));
  }

  /** The keys every part of the system encrypts payloads with. */
  public PayloadKeys payloadKeys() {
    return payloadKeys;
  }

  /** The Temporal server the system runs on. */
  public TemporalServer temporal() {
    return temporal;
  }

  @Override
  public void close() {
    if (api != null) {
      api.close();
    }
    if (worker != null) {
      worker.close();
    }
    if (clientService != null) {
      clientService.shutdown();
    }
    if (emulator != null) {
      emulator.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }
}
