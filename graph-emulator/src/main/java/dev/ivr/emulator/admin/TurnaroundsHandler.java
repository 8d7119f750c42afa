package dev.ivr.emulator.admin;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Json;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import java.time.Duration;
import java.util.List;

/** {@code GET /admin/turnarounds[?callId=…]}: the bot's turnarounds in milliseconds. */
final class TurnaroundsHandler implements Handler {
  private final EmulatorAdmin emulator;

  TurnaroundsHandler(EmulatorAdmin emulator) {
    this.emulator = emulator;
  }

  @Override
  public Response handle(Request r) {
    String callId = r.query().get("callId");
    List<Duration> list = callId == null ? emulator.turnarounds() : emulator.turnarounds(callId);
    var a = Json.array();
    list.forEach(d -> a.add(d.toNanos() / 1e6));
    return AdminJson.ok(Json.object().set("turnaroundsMillis", a));
  }
}
