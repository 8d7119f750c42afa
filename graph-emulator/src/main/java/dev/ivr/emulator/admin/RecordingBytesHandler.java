package dev.ivr.emulator.admin;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;

/** {@code GET /admin/calls/{id}/recordings/{opId}}: the generated WAV, no token, never expired. */
final class RecordingBytesHandler implements Handler {
  private final EmulatorAdmin emulator;

  RecordingBytesHandler(EmulatorAdmin emulator) {
    this.emulator = emulator;
  }

  @Override
  public Response handle(Request r) {
    return Response.bytes(200, "audio/wav", emulator.recordingBytes(r.param("id"), r.param("opId")), false);
  }
}
