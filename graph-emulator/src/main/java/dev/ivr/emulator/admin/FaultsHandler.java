package dev.ivr.emulator.admin;

import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Json;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;

/** {@code GET|POST /admin/faults}: reads or replaces the global fault plan ({@code {}} clears it). */
final class FaultsHandler implements Handler {
  private final EmulatorAdmin emulator;

  FaultsHandler(EmulatorAdmin emulator) {
    this.emulator = emulator;
  }

  @Override
  public Response handle(Request r) throws Exception {
    if (r.method().equals("POST")) {
      var body = r.json();
      emulator.faults(body.isNull() ? FaultPlan.none() : Json.MAPPER.treeToValue(body, FaultPlan.class));
    }
    return AdminJson.ok(Json.MAPPER.valueToTree(emulator.faults()));
  }
}
