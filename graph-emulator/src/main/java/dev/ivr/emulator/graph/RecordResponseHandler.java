package dev.ivr.emulator.graph;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import java.util.function.Supplier;

/** {@code POST /communications/calls/{id}/recordResponse}: 200 + Location + the operation, status running; completion follows. */
final class RecordResponseHandler implements Handler {
  private final MediaRequests media;
  private final Supplier<String> graphBaseUrl;

  RecordResponseHandler(MediaRequests media, Supplier<String> graphBaseUrl) {
    this.media = media;
    this.graphBaseUrl = graphBaseUrl;
  }

  @Override
  public Response handle(Request r) {
    String callId = media.canonicalId(r.param("id"));
    return OperationResponses.started(graphBaseUrl, callId, media.recordResponse(callId, r.json()));
  }
}
