package dev.ivr.emulator.graph;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;

/** {@code DELETE /communications/calls/{id}}: 204, then terminating and terminated. */
final class DeleteCallHandler implements Handler {
  private final CallEngine engine;

  DeleteCallHandler(CallEngine engine) {
    this.engine = engine;
  }

  @Override
  public Response handle(Request r) {
    engine.delete(r.param("id"));
    return Response.empty(204);
  }
}
