package dev.ivr.emulator.admin;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;

/** {@code GET /admin/journal[?callId=…]}: the request journal. */
final class JournalHandler implements Handler {
  private final EmulatorAdmin emulator;

  JournalHandler(EmulatorAdmin emulator) {
    this.emulator = emulator;
  }

  @Override
  public Response handle(Request r) {
    String callId = r.query().get("callId");
    return AdminJson.ok(AdminJson.journal(callId == null ? emulator.journal() : emulator.journal(callId)));
  }
}
