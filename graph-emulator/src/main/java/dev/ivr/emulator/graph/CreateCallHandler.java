package dev.ivr.emulator.graph;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import java.util.function.Supplier;

/** {@code POST /communications/calls}: 201 + Location + the call in state establishing. */
final class CreateCallHandler implements Handler {
  private final CallEngine engine;
  private final Supplier<String> graphBaseUrl;

  CreateCallHandler(CallEngine engine, Supplier<String> graphBaseUrl) {
    this.engine = engine;
    this.graphBaseUrl = graphBaseUrl;
  }

  @Override
  public Response handle(Request r) {
    var call = engine.create(r.json());
    return Response.json(201, call)
        .withHeader("Location", graphBaseUrl.get() + "/communications/calls/" + call.get("id").asText());
  }
}
