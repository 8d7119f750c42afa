package dev.ivr.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.codec.EncryptionCodec;
import dev.ivr.codec.PayloadKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivr.workflows.call.CallIds;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The stored call histories: every {@code *.json} under a directory or a classpath folder, in name
 * order. Files are read as streams and parsed with {@link WorkflowExecutionHistory#fromJson}, which
 * takes both enum styles ({@code EVENT_TYPE_WORKFLOW_EXECUTION_STARTED} and the older
 * {@code WorkflowExecutionStarted}). {@code WorkflowHistoryLoader} is never used: it fails on
 * resources inside a jar.
 */
public final class HistoryCorpus {
  private static final ObjectMapper JSON = new ObjectMapper();
  private HistoryCorpus() {}

  /** One stored history and the name it is reported under (its path relative to the corpus root). */
  public record Entry(String name, WorkflowExecutionHistory history) {}

  /** Every history under {@code dir}, recursively; encrypted ones need the keys of {@link ReplayKeys#fromEnvironment()}. */
  public static List<Entry> fromDirectory(Path dir) {
    return fromDirectory(dir, ReplayKeys.fromEnvironment());
  }

  /** Every history under {@code dir}, recursively, encrypted ones read with {@code keys}. */
  public static List<Entry> fromDirectory(Path dir, PayloadKeys keys) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("no history directory " + dir.toAbsolutePath());
    }
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(HistoryCorpus::isJson).sorted().toList()) {
        String name = dir.relativize(file).toString().replace('\\', '/');
        try (InputStream in = Files.newInputStream(file)) {
          entries.add(new Entry(name, parse(in, name, keys)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read histories under " + dir, e);
    }
    return entries;
  }

  /**
   * Every history under the classpath folder {@code folder} (e.g. {@code histories}), whether the
   * folder is a directory or inside a jar.
   */
  public static List<Entry> fromClasspath(String folder) {
    return fromClasspath(folder, ReplayKeys.fromEnvironment());
  }

  /** As {@link #fromClasspath(String)}, encrypted histories read with {@code keys}. */
  public static List<Entry> fromClasspath(String folder, PayloadKeys keys) {
    URL root = Thread.currentThread().getContextClassLoader().getResource(folder);
    if (root == null) {
      throw new IllegalArgumentException("no classpath folder " + folder);
    }
    try {
      URI uri = root.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return fromDirectory(Path.of(uri), keys);
      }
      FileSystem jar;
      boolean opened = false;
      try {
        jar = FileSystems.getFileSystem(uri);
      } catch (FileSystemNotFoundException notOpen) {
        jar = FileSystems.newFileSystem(uri, Map.of());
        opened = true;
      }
      try {
        return fromDirectory(jar.provider().getPath(uri));
      } finally {
        if (opened) {
          jar.close();
        }
      }
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot list classpath folder " + folder, e);
    }
  }

  /** Parses one history; {@code name} only labels errors. */
  public static WorkflowExecutionHistory parse(InputStream json, String name) throws IOException {
    return parse(json, name, ReplayKeys.fromEnvironment());
  }

  /** Parses one history, its payloads encrypted or not ({@code keys} read the call id of an encrypted one). */
  public static WorkflowExecutionHistory parse(InputStream json, String name, PayloadKeys keys) throws IOException {
    String text = new String(json.readAllBytes(), StandardCharsets.UTF_8);
    WorkflowExecutionHistory history;
    try {
      history = WorkflowExecutionHistory.fromJson(text);
    } catch (RuntimeException e) {
      throw new IOException(name + " is not a Temporal history in JSON: " + e.getMessage(), e);
    }
    // a history file does not hold its workflow id; a call's is derived from its Graph call id
    String callId = callId(history, keys);
    return callId == null ? history : new WorkflowExecutionHistory(history.getHistory(), CallIds.workflowId(callId));
  }

  private static String callId(WorkflowExecutionHistory history, PayloadKeys keys) {
    HistoryEvent first = history.getEvents().isEmpty() ? null : history.getEvents().get(0);
    if (first == null || !first.hasWorkflowExecutionStartedEventAttributes()
        || first.getWorkflowExecutionStartedEventAttributes().getInput().getPayloadsCount() == 0) {
      return null;
    }
    try {
      var payload = first.getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
      // a missing key fails here, naming its id: better than a replay that fails for an unclear reason
      payload = new EncryptionCodec(keys).decode(List.of(payload)).get(0);
      JsonNode input = JSON.readTree(payload.getData().toByteArray());
      String callId = input.path("callId").asText(null);
      return callId == null || callId.isBlank() ? null : callId;
    } catch (IOException notJson) {
      return null;
    }
  }

  private static boolean isJson(Path file) {
    return Files.isRegularFile(file) && file.getFileName().toString().endsWith(".json");
  }
}
