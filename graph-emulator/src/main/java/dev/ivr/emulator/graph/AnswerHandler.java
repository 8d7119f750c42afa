package dev.ivr.emulator.graph;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;

/** {@code POST /communications/calls/{id}/answer}: 202 Accepted, no body; the outcome follows as notifications. */
final class AnswerHandler implements Handler {
  private final CallEngine engine;

  AnswerHandler(CallEngine engine) {
    this.engine = engine;
  }

  @Override
  public Response handle(Request r) {
    engine.answer(r.param("id"), r.json());
    return Response.empty(202);
  }
}
