package dev.ivr.replay;

import dev.ivr.workflows.call.CallIds;
import io.temporal.client.WorkflowClient;
import dev.ivr.codec.PayloadKeys;
import dev.ivr.worker.CallWorker;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code export --target=HOST:PORT [--namespace=default] (--workflow-id=ID | --call-id=GRAPH_CALL_ID)
 * [--out=FILE] [--keep-personal-data] [--payload-keys-file=FILE]}: fetches a call's history from any Temporal (the embedded test
 * server or a cluster), anonymises it, and writes it in the format of {@code temporal workflow show
 * -o json} and the Web UI download: proto-JSON {@code {"events":[...]}} with encoded payloads.
 */
public final class HistoryExport {
  private HistoryExport() {}

  /** The history of one workflow as replayable JSON, anonymised unless {@code anonymise} is false. */
  public static String export(WorkflowClient client, String workflowId, boolean anonymise) {
    return export(client, workflowId, anonymise, PayloadKeys.NONE);
  }

  /**
   * The same; encrypted payloads stay encrypted in the file, and anonymising them needs their keys
   * (decrypted, anonymised, encrypted again with the current key).
   */
  public static String export(WorkflowClient client, String workflowId, boolean anonymise, PayloadKeys keys) {
    WorkflowExecutionHistory history = client.fetchHistory(workflowId);
    String json = history.toJson(true);
    // back through protobuf, so the anonymised file is checked and formatted as the CLI writes it
    return anonymise ? WorkflowExecutionHistory.fromJson(HistoryAnonymiser.anonymise(json, keys)).toJson(true) : json;
  }

  /** Writes {@link #export} to {@code file}, creating its directory. */
  public static Path exportTo(WorkflowClient client, String workflowId, Path file) throws IOException {
    return exportTo(client, workflowId, file, PayloadKeys.NONE);
  }

  /** Writes {@link #export}, anonymised with {@code keys}, to {@code file}, creating its directory. */
  public static Path exportTo(WorkflowClient client, String workflowId, Path file, PayloadKeys keys)
      throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.writeString(file, export(client, workflowId, true, keys) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    String target = null;
    String namespace = "default";
    String workflowId = null;
    Path file = null;
    boolean anonymise = true;
    PayloadKeys keys = ReplayKeys.fromEnvironment();
    for (String arg : args) {
      if (arg.startsWith("--target=")) {
        target = value(arg);
      } else if (arg.startsWith("--namespace=")) {
        namespace = value(arg);
      } else if (arg.startsWith("--workflow-id=")) {
        workflowId = value(arg);
      } else if (arg.startsWith("--call-id=")) {
        workflowId = CallIds.workflowId(value(arg));
      } else if (arg.startsWith("--out=")) {
        file = Path.of(value(arg));
      } else if (arg.equals("--keep-personal-data")) {
        anonymise = false;
      } else if (arg.startsWith(ReplayKeys.OPTION)) {
        keys = dev.ivr.codec.PayloadKeys.of(null, value(arg));
      } else {
        err.println("unknown argument " + arg);
        return 2;
      }
    }
    if (target == null || workflowId == null) {
      err.println("usage: export --target=HOST:PORT [--namespace=default] (--workflow-id=ID | --call-id=GRAPH_CALL_ID)"
          + " [--out=FILE] [--keep-personal-data] [--payload-keys-file=FILE]");
      return 2;
    }
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(service, CallWorker.clientOptions(namespace, keys));
      String json;
      try {
        json = export(client, workflowId, anonymise, keys);
      } catch (io.temporal.payload.codec.PayloadCodecException | IllegalArgumentException e) {
        err.println("cannot export " + workflowId + ": " + e.getMessage());
        return 1;
      }
      if (file == null) {
        out.println(json);
      } else {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
        err.println("wrote " + workflowId + (anonymise ? " (anonymised)" : "") + " to " + file);
      }
      return 0;
    } finally {
      service.shutdownNow();
    }
  }

  private static String value(String arg) {
    return arg.substring(arg.indexOf('=') + 1);
  }
}
