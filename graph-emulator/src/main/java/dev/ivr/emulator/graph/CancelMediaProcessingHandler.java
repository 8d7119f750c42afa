package dev.ivr.emulator.graph;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import java.util.function.Supplier;

/** {@code POST /communications/calls/{id}/cancelMediaProcessing}: 200 + Location + the operation, status completed; no notification. */
final class CancelMediaProcessingHandler implements Handler {
  private final MediaRequests media;
  private final Supplier<String> graphBaseUrl;

  CancelMediaProcessingHandler(MediaRequests media, Supplier<String> graphBaseUrl) {
    this.media = media;
    this.graphBaseUrl = graphBaseUrl;
  }

  @Override
  public Response handle(Request r) {
    String callId = media.canonicalId(r.param("id"));
    return OperationResponses.ok(graphBaseUrl, callId, media.cancelMediaProcessing(callId, r.json()));
  }
}
