package dev.ivr.workflows.interpreter;

import dev.ivr.workflows.call.CallActivityOptions;
import dev.ivr.workflows.call.CallSession;
import dev.ivr.workflows.event.OperationCompleted;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.RecordNode;
import dev.ivr.workflows.flow.RecordSettings;
import dev.ivr.workflows.graph.DownloadRecording;
import dev.ivr.workflows.graph.RecordResponse;
import dev.ivr.workflows.graph.RecordingActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Records the caller with recordResponse, downloads the recording at once, puts its metadata under
 * the node's {@code variable} and routes by the completion reason: {@code outcomes[reason]} when the
 * flow routes it; else a recording goes to {@code next}, no speech to {@code noInput}, and any other
 * reason (a failure, or one Graph may add) to {@code onError}.
 */
final class RecordStep {
  private static final String TYPE = "record";
  private static final Logger log = Workflow.getLogger(RecordStep.class);

  private final CallSession call;
  RecordStep(CallSession call) {
    this.call = call;
  }

  String run(String nodeId, RecordNode node) {
    String context = call.nextClientContext();
    MediaRef prompt = node.prompt() == null ? null : call.media(node.prompt());
    RecordSettings settings = node.settings();
    Duration expected = Duration.ofMillis(prompt == null ? 0 : prompt.durationMillis())
        .plusSeconds(settings.initialSilenceTimeoutInSeconds() + settings.maxRecordDurationInSeconds() + 1);
    OperationCompleted done = call.media(context,
        () -> call.graph("record " + nodeId).recordResponse(new RecordResponse(call.graphCallId(), context, prompt, settings)), expected,
        () -> false);
    if (done == null) {
      return call.withoutCompletion(nodeId, TYPE);
    }
    // stop tones may also arrive as toneInfo; they ended this recording and answer no later prompt
    call.tones().clear();
    String reason = RecordOutcomes.reason(done);
    if (!RecordOutcomes.hasRecording(done)) {
      boolean noInput = RecordOutcomes.isNoInput(done);
      metadata(node, Map.of("reason", reason));
      call.step(nodeId, TYPE, noInput ? "noInput" : "failed:" + reason);
      String routed = node.outcomes().get(reason);
      return routed != null ? routed : noInput ? node.noInput() : node.onError();
    }
    RecordingStored recording;
    try {
      recording = download(nodeId).downloadRecording(new DownloadRecording(
          call.workflowId() + "/" + context.substring(call.workflowId().length() + 1), nodeId, done.operationId(), reason,
          done.recordingLocation(), done.recordingAccessToken()));
    } catch (ActivityFailure failure) {
      log.warn("recording of node {} could not be downloaded: {}", nodeId, failure.getCause().getMessage());
      metadata(node, Map.of("reason", reason));
      call.step(nodeId, TYPE, "downloadFailed");
      return node.onError();
    }
    call.stored().add(recording);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("location", recording.location());
    meta.put("sizeBytes", recording.sizeBytes());
    meta.put("durationMillis", recording.durationMillis());
    meta.put("sha256", recording.sha256());
    meta.put("reason", reason);
    metadata(node, meta);
    call.step(nodeId, TYPE, "recorded:" + reason);
    return node.outcomes().getOrDefault(reason, node.next());
  }

  /** A download stub whose summary names the node: "download recording of record-message". */
  private static RecordingActivities download(String nodeId) {
    return Workflow.newActivityStub(RecordingActivities.class,
        ActivityOptions.newBuilder(CallActivityOptions.recordingDownload())
            .setSummary("download recording of " + nodeId).build());
  }

  private void metadata(RecordNode node, Map<String, Object> values) {
    if (node.variable() != null) {
      call.variables().set(node.variable(), new LinkedHashMap<>(values));
    }
  }
}
