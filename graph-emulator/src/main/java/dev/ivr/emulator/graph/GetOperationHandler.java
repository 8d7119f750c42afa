package dev.ivr.emulator.graph;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;

/** {@code GET /communications/calls/{id}/operations/{opId}}: the operation's current state [inferred]. */
final class GetOperationHandler implements Handler {
  private final MediaRequests media;

  GetOperationHandler(MediaRequests media) {
    this.media = media;
  }

  @Override
  public Response handle(Request r) {
    return Response.json(200, media.getOperation(r.param("id"), r.param("opId")));
  }
}
