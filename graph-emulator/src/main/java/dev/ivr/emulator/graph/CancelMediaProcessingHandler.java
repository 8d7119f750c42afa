package dev.ivr.emulator.graph;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import java.util.function.Supplier;

/** {@code POST /communications/calls/{id}/cancelMediaProcessing}: 200 + Location + the operation, status completed; no notification. */
final class CancelMediaProcessingHandler implements Handler {
  private final CallEngine engine;
  private final Supplier<String> graphBaseUrl;

  CancelMediaProcessingHandler(CallEngine engine, Supplier<String> graphBaseUrl) {
    this.engine = engine;
    this.graphBaseUrl = graphBaseUrl;
  }

  @Override
  public Response handle(Request r) {
    String callId = engine.canonicalId(r.param("id"));
    return OperationResponses.ok(graphBaseUrl, callId, engine.cancelMediaProcessing(callId, r.json()));
  }
}
