package dev.ivr.emulator.admin;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;

/** {@code POST /admin/calls/{id}/hangup}: the remote party hangs up. */
final class HangUpHandler implements Handler {
  private final EmulatorAdmin emulator;

  HangUpHandler(EmulatorAdmin emulator) {
    this.emulator = emulator;
  }

  @Override
  public Response handle(Request r) {
    emulator.hangUp(r.param("id"));
    return Response.empty(202);
  }
}
