package dev.ivr.emulator.graph;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import java.util.function.Supplier;

/** {@code POST /communications/calls/{id}/recordResponse}: 200 + Location + the operation, status running; completion follows. */
final class RecordResponseHandler implements Handler {
  private final CallEngine engine;
  private final Supplier<String> graphBaseUrl;

  RecordResponseHandler(CallEngine engine, Supplier<String> graphBaseUrl) {
    this.engine = engine;
    this.graphBaseUrl = graphBaseUrl;
  }

  @Override
  public Response handle(Request r) {
    String callId = engine.canonicalId(r.param("id"));
    return OperationResponses.started(graphBaseUrl, callId, engine.recordResponse(callId, r.json()));
  }
}
