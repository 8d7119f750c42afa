package dev.ivr.emulator.graph;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;

/** {@code POST /communications/calls/{id}/keepAlive}: 200 and a fresh 45-minute window; 404 on an ended call. */
final class KeepAliveHandler implements Handler {
  private final CallEngine engine;

  KeepAliveHandler(CallEngine engine) {
    this.engine = engine;
  }

  @Override
  public Response handle(Request r) {
    engine.keepAlive(r.param("id"));
    return Response.empty(200);
  }
}
