package dev.ivr.emulator.graph;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;

/** {@code GET /communications/calls/{id}}: 200 with the call; 404 once it ended. */
final class GetCallHandler implements Handler {
  private final CallEngine engine;

  GetCallHandler(CallEngine engine) {
    this.engine = engine;
  }

  @Override
  public Response handle(Request r) {
    return Response.json(200, engine.get(r.param("id")));
  }
}
