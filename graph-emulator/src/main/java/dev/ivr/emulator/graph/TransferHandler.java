package dev.ivr.emulator.graph;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;

/** {@code POST /communications/calls/{id}/transfer}: 202 Accepted, no body; the outcome follows as notifications. */
final class TransferHandler implements Handler {
  private final CallEngine engine;

  TransferHandler(CallEngine engine) {
    this.engine = engine;
  }

  @Override
  public Response handle(Request r) {
    engine.transfer(r.param("id"), r.json());
    return Response.empty(202);
  }
}
