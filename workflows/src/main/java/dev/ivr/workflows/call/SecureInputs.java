package dev.ivr.workflows.call;

import dev.ivr.workflows.event.GraphEventSignal;
import dev.ivr.workflows.event.OperationCompleted;
import dev.ivr.workflows.graph.DownloadRecording;
import dev.ivr.workflows.event.ToneReceived;
import dev.ivr.workflows.external.OutboundHttpRequest;

/**
 * Which values carry a caller's secure input or a secret, for the payload codec to mark restricted
 * (encrypted like every payload, and never decrypted by the codec server for a person; only the worker
 * and the api read them, in process): every DTMF key (the api cannot know whether a key belongs to a
 * PIN), an http request that sends a secure variable, and Graph's {@code recordingAccessToken} (in the
 * record completion signal and the download activity's input). Every client of the project passes this
 * predicate to its data converter. Phone numbers are not restricted: viewers and operators may read them.
 */
public final class SecureInputs {
  private SecureInputs() {}

  public static boolean restricted(Object value) {
    return value instanceof GraphEventSignal signal && (signal.event() instanceof ToneReceived
        || signal.event() instanceof OperationCompleted completed && completed.recordingAccessToken() != null)
        || value instanceof OutboundHttpRequest request && request.secure()
        || value instanceof DownloadRecording download && download.accessToken() != null;
  }
}
