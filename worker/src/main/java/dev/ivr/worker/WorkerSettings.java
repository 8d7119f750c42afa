package dev.ivr.worker;

import dev.ivr.activities.graph.GraphSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The worker's configuration, from environment variables (the same names the api uses, so one
 * {@code .env} serves both). A secret can also be read from a file named by {@code <NAME>_FILE}, for
 * Docker and Kubernetes secrets. {@link #toString()} never shows the secret.
 */
public record WorkerSettings(String temporalTarget, String namespace, GraphSettings graph, Path recordingsDir) {
  public static final String TEMPORAL_TARGET = "SPRING_TEMPORAL_CONNECTION_TARGET";
  public static final String TEMPORAL_NAMESPACE = "SPRING_TEMPORAL_NAMESPACE";
  public static final String GRAPH_BASE_URL = "IVR_GRAPH_BASE_URL";
  public static final String GRAPH_AUTHORITY = "IVR_GRAPH_AUTHORITY";
  public static final String GRAPH_AUTHORITY_HOST_OVERRIDE = "IVR_GRAPH_AUTHORITY_HOST_OVERRIDE";
  public static final String GRAPH_TENANT_ID = "IVR_GRAPH_TENANT_ID";
  public static final String GRAPH_CLIENT_ID = "IVR_GRAPH_CLIENT_ID";
  public static final String GRAPH_CLIENT_SECRET = "IVR_GRAPH_CLIENT_SECRET";
  public static final String RECORDINGS_DIR = "IVR_RECORDINGS_DIR";

  public WorkerSettings {
    temporalTarget = temporalTarget == null || temporalTarget.isBlank() ? "127.0.0.1:7233" : temporalTarget;
    namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
    recordingsDir = recordingsDir == null ? Path.of("recordings") : recordingsDir;
    if (graph == null) {
      throw new IllegalArgumentException("graph settings are required");
    }
  }

  /** Reads the settings from environment variables; fails with the name of what is missing or wrong. */
  public static WorkerSettings fromEnvironment(Map<String, String> env) {
    GraphSettings graph;
    try {
      graph = new GraphSettings(env.get(GRAPH_BASE_URL), env.get(GRAPH_AUTHORITY), env.get(GRAPH_TENANT_ID),
          env.get(GRAPH_CLIENT_ID), secret(env, GRAPH_CLIENT_SECRET), env.get(GRAPH_AUTHORITY_HOST_OVERRIDE), null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Graph configuration (" + GRAPH_TENANT_ID + ", " + GRAPH_CLIENT_ID + ", "
          + GRAPH_CLIENT_SECRET + "[_FILE], " + GRAPH_BASE_URL + "…): " + e.getMessage(), e);
    }
    String recordings = env.get(RECORDINGS_DIR);
    return new WorkerSettings(env.get(TEMPORAL_TARGET), env.get(TEMPORAL_NAMESPACE), graph,
        recordings == null || recordings.isBlank() ? null : Path.of(recordings));
  }

  static String secret(Map<String, String> env, String name) {
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
