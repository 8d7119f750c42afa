package dev.ivr.emulator.graph;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import java.util.function.Supplier;

/** {@code POST /communications/calls}: 201 + Location + the call in state establishing. */
final class CreateCallHandler implements Handler {
  private final OutboundCalls outbound;
  private final Supplier<String> graphBaseUrl;

  CreateCallHandler(OutboundCalls outbound, Supplier<String> graphBaseUrl) {
    this.outbound = outbound;
    this.graphBaseUrl = graphBaseUrl;
  }

  @Override
  public Response handle(Request r) {
    var call = outbound.create(r.json());
    return Response.json(201, call)
        .withHeader("Location", graphBaseUrl.get() + "/communications/calls/" + call.get("id").asText());
  }
}
