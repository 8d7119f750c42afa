package dev.ivr.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;

/** {@code POST /admin/calls/{id}/tones} {@code {"keys":"1#","gapSeconds":0.1}}: the remote party presses keys. */
final class PressTonesHandler implements Handler {
  private final EmulatorAdmin emulator;

  PressTonesHandler(EmulatorAdmin emulator) {
    this.emulator = emulator;
  }

  @Override
  public Response handle(Request r) {
    JsonNode body = r.json();
    emulator.pressKeys(r.param("id"), body.path("keys").asText(""), body.path("gapSeconds").asDouble(0.1));
    return Response.empty(202);
  }
}
