package dev.ivr.worker;

import dev.ivr.activities.graph.GraphSettings;
import dev.ivr.activities.recording.RecordingUrls;
import dev.ivr.codec.PayloadKeys;
import dev.ivr.recordings.RecordingLinks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The worker's configuration, from environment variables (the same names the api uses, so one
 * {@code .env} serves both). A secret can also be read from a file named by {@code <NAME>_FILE}, for
 * Docker and Kubernetes secrets. {@link #toString()} never shows the secret.
 *
 * @param recordingsRetention how long a stored recording is kept ({@value #RECORDINGS_RETENTION}, an ISO-8601
 *     duration such as {@code P30D}); null keeps recordings forever
 * @param stickyExecution whether workflow tasks of a call prefer the worker that ran the previous one
 *     ({@value #STICKY_EXECUTION}, default true). A Temporal cluster moves them to any worker 5 s after
 *     that worker dies; the embedded test server never does, so set it to false there for workers
 *     that may be killed.
 * @param azureBlob where recordings go in Azure Blob Storage ({@value #RECORDINGS_STORE}{@code =azure-blob});
 *     null: in {@code recordingsDir} on the file system
 * @param metrics where the worker serves Prometheus metrics ({@value #METRICS_HOST}, {@value #METRICS_PORT});
 *     {@link MetricsEndpoint#OFF} serves none
 * @param payloadKeys the keys that encrypt and decrypt payloads ({@code IVR_PAYLOAD_KEYS}, {@code IVR_PAYLOAD_KEYS_FILE});
 *     {@link PayloadKeys#NONE}: payloads are written in clear (development only)
 * @param tuning pollers, slots and the workflow cache ({@code IVR_WORKER_*_POLLERS}, {@code *_SLOTS},
 *     {@code IVR_WORKER_CACHE_SIZE}…); {@link WorkerTuning#DEFAULTS}: the SDK's
 * @param recordingUrls signs the URLs of recordings played back and linked for download
 *     ({@code IVR_MEDIA_SIGNING_KEY}[{@code _FILE}], the key shared with the api;
 *     {@code IVR_MEDIA_PLAYBACK_EXPIRY}, {@code IVR_MEDIA_DOWNLOAD_EXPIRY}); {@link RecordingUrls#none()}: no key
 */
public record WorkerSettings(String temporalTarget, String namespace, GraphSettings graph, Path recordingsDir,
    Duration recordingsRetention, boolean stickyExecution, AzureBlob azureBlob, MetricsEndpoint metrics,
    PayloadKeys payloadKeys, WorkerTuning tuning, RecordingUrls recordingUrls) {
  public static final String TEMPORAL_TARGET = "SPRING_TEMPORAL_CONNECTION_TARGET";
  public static final String TEMPORAL_NAMESPACE = "SPRING_TEMPORAL_NAMESPACE";
  public static final String GRAPH_BASE_URL = "IVR_GRAPH_BASE_URL";
  public static final String GRAPH_AUTHORITY = "IVR_GRAPH_AUTHORITY";
  public static final String GRAPH_AUTHORITY_HOST_OVERRIDE = "IVR_GRAPH_AUTHORITY_HOST_OVERRIDE";
  public static final String GRAPH_HTTP_ALLOWED_HOSTS = "IVR_GRAPH_HTTP_ALLOWED_HOSTS";
  public static final String GRAPH_TENANT_ID = "IVR_GRAPH_TENANT_ID";
  public static final String GRAPH_CLIENT_ID = "IVR_GRAPH_CLIENT_ID";
  public static final String GRAPH_CLIENT_SECRET = "IVR_GRAPH_CLIENT_SECRET";
  public static final String RECORDINGS_DIR = "IVR_RECORDINGS_DIR";
  public static final String RECORDINGS_RETENTION = "IVR_RECORDINGS_RETENTION";
  public static final String STICKY_EXECUTION = "IVR_WORKER_STICKY_EXECUTION";
  public static final String RECORDINGS_STORE = "IVR_RECORDINGS_STORE";
  public static final String RECORDINGS_AZURE_CONNECTION_STRING = "IVR_RECORDINGS_AZURE_CONNECTION_STRING";
  public static final String RECORDINGS_AZURE_CONTAINER = "IVR_RECORDINGS_AZURE_CONTAINER";
  public static final String METRICS_HOST = "IVR_WORKER_METRICS_HOST";
  public static final String METRICS_PORT = "IVR_WORKER_METRICS_PORT";

  public WorkerSettings {
    temporalTarget = temporalTarget == null || temporalTarget.isBlank() ? "127.0.0.1:7233" : temporalTarget;
    namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
    recordingsDir = recordingsDir == null ? Path.of("recordings") : recordingsDir;
    metrics = metrics == null ? MetricsEndpoint.OFF : metrics;
    payloadKeys = payloadKeys == null ? PayloadKeys.NONE : payloadKeys;
    tuning = tuning == null ? WorkerTuning.DEFAULTS : tuning;
    recordingUrls = recordingUrls == null ? RecordingUrls.none() : recordingUrls;
    if (graph == null) {
      throw new IllegalArgumentException("graph settings are required");
    }
    if (recordingsRetention != null && (recordingsRetention.isNegative() || recordingsRetention.isZero())) {
      throw new IllegalArgumentException(RECORDINGS_RETENTION + " must be a positive duration, got "
          + recordingsRetention);
    }
  }

  /** No key for recording URLs. */
  public WorkerSettings(String temporalTarget, String namespace, GraphSettings graph, Path recordingsDir,
      Duration recordingsRetention, boolean stickyExecution, AzureBlob azureBlob, MetricsEndpoint metrics,
      PayloadKeys payloadKeys, WorkerTuning tuning) {
    this(temporalTarget, namespace, graph, recordingsDir, recordingsRetention, stickyExecution, azureBlob, metrics,
        payloadKeys, tuning, null);
  }

  /** The SDK's tuning. */
  public WorkerSettings(String temporalTarget, String namespace, GraphSettings graph, Path recordingsDir,
      Duration recordingsRetention, boolean stickyExecution, AzureBlob azureBlob, MetricsEndpoint metrics,
      PayloadKeys payloadKeys) {
    this(temporalTarget, namespace, graph, recordingsDir, recordingsRetention, stickyExecution, azureBlob, metrics,
        payloadKeys, WorkerTuning.DEFAULTS);
  }

  /** Recordings kept forever, sticky execution on, no metrics endpoint. */
  public WorkerSettings(String temporalTarget, String namespace, GraphSettings graph, Path recordingsDir) {
    this(temporalTarget, namespace, graph, recordingsDir, null, true);
  }

  /** Recordings on the file system, no metrics endpoint. */
  public WorkerSettings(String temporalTarget, String namespace, GraphSettings graph, Path recordingsDir,
      Duration recordingsRetention, boolean stickyExecution) {
    this(temporalTarget, namespace, graph, recordingsDir, recordingsRetention, stickyExecution, null,
        MetricsEndpoint.OFF, PayloadKeys.NONE);
  }

  /** The same settings, serving metrics at {@code metrics}. */
  public WorkerSettings withMetrics(MetricsEndpoint metrics) {
    return new WorkerSettings(temporalTarget, namespace, graph, recordingsDir, recordingsRetention, stickyExecution,
        azureBlob, metrics, payloadKeys, tuning, recordingUrls);
  }

  /** The same settings, in Temporal namespace {@code namespace}. */
  public WorkerSettings withNamespace(String namespace) {
    return new WorkerSettings(temporalTarget, namespace, graph, recordingsDir, recordingsRetention, stickyExecution,
        azureBlob, metrics, payloadKeys, tuning, recordingUrls);
  }

  /** The same settings, encrypting payloads with {@code keys}. */
  public WorkerSettings withPayloadKeys(PayloadKeys keys) {
    return new WorkerSettings(temporalTarget, namespace, graph, recordingsDir, recordingsRetention, stickyExecution,
        azureBlob, metrics, keys, tuning, recordingUrls);
  }

  /** The same settings, with recordings in Azure Blob Storage. */
  public WorkerSettings withAzureBlob(AzureBlob azureBlob) {
    return new WorkerSettings(temporalTarget, namespace, graph, recordingsDir, recordingsRetention, stickyExecution,
        azureBlob, metrics, payloadKeys, tuning, recordingUrls);
  }

  /** The same settings, signing recording URLs with {@code urls}. */
  public WorkerSettings withRecordingUrls(RecordingUrls urls) {
    return new WorkerSettings(temporalTarget, namespace, graph, recordingsDir, recordingsRetention, stickyExecution,
        azureBlob, metrics, payloadKeys, tuning, urls);
  }

  /** The same settings, with pollers, slots and cache as {@code tuning} says. */
  public WorkerSettings withTuning(WorkerTuning tuning) {
    return new WorkerSettings(temporalTarget, namespace, graph, recordingsDir, recordingsRetention, stickyExecution,
        azureBlob, metrics, payloadKeys, tuning, recordingUrls);
  }

  /**
   * Recordings in an Azure Blob Storage container.
   *
   * @param connectionString an Azure Storage connection string with an account key or a SAS; never printed
   */
  public record AzureBlob(String connectionString, String container) {
    public static final String DEFAULT_CONTAINER = "recordings";

    public AzureBlob {
      if (connectionString == null || connectionString.isBlank()) {
        throw new IllegalArgumentException(RECORDINGS_STORE + "=azure-blob needs " + RECORDINGS_AZURE_CONNECTION_STRING
            + " (or " + RECORDINGS_AZURE_CONNECTION_STRING + "_FILE)");
      }
      container = container == null || container.isBlank() ? DEFAULT_CONTAINER : container.strip();
    }

    @Override
    public String toString() {
      return "AzureBlob[container=" + container + ", connectionString=(hidden)]";
    }
  }

  /** Where Prometheus scrapes the worker: {@code http://host:port/metrics}; port 0 picks a free port. */
  public record MetricsEndpoint(String host, int port) {
    public static final int DEFAULT_PORT = 9464;
    public static final MetricsEndpoint OFF = new MetricsEndpoint("0.0.0.0", -1);

    public MetricsEndpoint {
      host = host == null || host.isBlank() ? "0.0.0.0" : host.strip();
      if (port < -1 || port > 65535) {
        throw new IllegalArgumentException(METRICS_PORT + " must be a port (0 for any free one) or 'off', got " + port);
      }
    }

    /** A loopback endpoint on a free port, for embedded and test workers. */
    public static MetricsEndpoint loopback() {
      return new MetricsEndpoint("127.0.0.1", 0);
    }

    public boolean enabled() {
      return port >= 0;
    }
  }

  /** Reads the settings from environment variables; fails with the name of what is missing or wrong. */
  public static WorkerSettings fromEnvironment(Map<String, String> env) {
    GraphSettings graph;
    try {
      String httpHosts = env.get(GRAPH_HTTP_ALLOWED_HOSTS);
      graph = new GraphSettings(env.get(GRAPH_BASE_URL), env.get(GRAPH_AUTHORITY), env.get(GRAPH_TENANT_ID),
          env.get(GRAPH_CLIENT_ID), secret(env, GRAPH_CLIENT_SECRET), env.get(GRAPH_AUTHORITY_HOST_OVERRIDE), null,
          httpHosts == null ? Set.of() : Set.copyOf(Arrays.asList(httpHosts.split(","))));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Graph configuration (" + GRAPH_TENANT_ID + ", " + GRAPH_CLIENT_ID + ", "
          + GRAPH_CLIENT_SECRET + "[_FILE], " + GRAPH_BASE_URL + "…): " + e.getMessage(), e);
    }
    String recordings = env.get(RECORDINGS_DIR);
    return new WorkerSettings(env.get(TEMPORAL_TARGET), env.get(TEMPORAL_NAMESPACE), graph,
        recordings == null || recordings.isBlank() ? null : Path.of(recordings),
        duration(env.get(RECORDINGS_RETENTION)), flag(env.get(STICKY_EXECUTION)), azureBlob(env),
        new MetricsEndpoint(env.get(METRICS_HOST), metricsPort(env.get(METRICS_PORT))), PayloadKeys.fromEnvironment(env),
        WorkerTuning.fromEnvironment(env), RecordingUrls.fromEnvironment(secret(env, RecordingLinks.ENV), env));
  }

  private static AzureBlob azureBlob(Map<String, String> env) {
    String store = env.get(RECORDINGS_STORE);
    if (store == null || store.isBlank() || store.strip().equalsIgnoreCase("filesystem")) {
      return null;
    }
    if (!store.strip().equalsIgnoreCase("azure-blob")) {
      throw new IllegalArgumentException(RECORDINGS_STORE + " must be filesystem or azure-blob, got '" + store + "'");
    }
    return new AzureBlob(secret(env, RECORDINGS_AZURE_CONNECTION_STRING), env.get(RECORDINGS_AZURE_CONTAINER));
  }

  /** A port, 0 for any free one, {@code off} or -1 for none; unset: {@value MetricsEndpoint#DEFAULT_PORT}. */
  static int metricsPort(String value) {
    if (value == null || value.isBlank()) {
      return MetricsEndpoint.DEFAULT_PORT;
    }
    String v = value.strip();
    if (v.equalsIgnoreCase("off") || v.equals("-1")) {
      return -1;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(METRICS_PORT + " must be a port (0 for any free one) or 'off', got '"
          + value + "'");
    }
  }

  /** An ISO-8601 duration ({@code P30D}, {@code PT12H}); blank or {@code forever}: none. */
  static Duration duration(String value) {
    if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("forever")) {
      return null;
    }
    try {
      return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(RECORDINGS_RETENTION + " must be an ISO-8601 duration such as P30D or PT12H"
          + " (or 'forever'), got '" + value + "'", e);
    }
  }

  private static boolean flag(String value) {
    if (value == null || value.isBlank()) {
      return true;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(STICKY_EXECUTION + " must be true or false, got '" + value + "'");
    };
  }

  /** The value of {@code name}, or of the file {@code <name>_FILE} names (stripped). */
  public static String secret(Map<String, String> env, String name) {
    String file = env.get(name + "_FILE");
    if (file != null && !file.isBlank()) {
      try {
        return Files.readString(Path.of(file)).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + name + "_FILE " + file, e);
      }
    }
    return env.get(name);
  }
}
