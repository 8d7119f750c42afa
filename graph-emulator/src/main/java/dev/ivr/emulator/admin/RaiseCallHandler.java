package dev.ivr.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Json;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;

/**
 * {@code POST /admin/calls}: raises an incoming call. Body:
 * {@code {callbackUri, caller:{phone}|{user:true}, target:{applicationInstanceId}, script:[...]|"yaml", faults:{...}}}
 * → 201 {@code {callId, callChainId}}.
 */
final class RaiseCallHandler implements Handler {
  private final EmulatorAdmin emulator;

  RaiseCallHandler(EmulatorAdmin emulator) {
    this.emulator = emulator;
  }

  @Override
  public Response handle(Request r) throws Exception {
    JsonNode body = r.json();
    String callbackUri = Json.text(body, "callbackUri");
    if (callbackUri == null) throw new IllegalArgumentException("callbackUri is required");
    JsonNode caller = body.path("caller");
    String phone = caller.has("user") ? null : caller.path("phone").asText("+14255550100");
    String target = body.path("target").path("applicationInstanceId").asText(null);
    JsonNode s = body.get("script");
    CallerScript script = s == null || s.isNull() ? null : s.isTextual() ? CallerScript.parse(s.asText()) : CallerScript.fromJson(s);
    JsonNode f = body.get("faults");
    FaultPlan faults = f == null || f.isNull() ? null : Json.MAPPER.treeToValue(f, FaultPlan.class);
    String id = emulator.raiseIncomingCall(new IncomingCallSpec(callbackUri, phone, target, script, faults));
    var view = emulator.call(id);
    return Response.json(201, Json.object().put("callId", id).put("callChainId", view.callChainId()))
        .withHeader("Location", emulator.baseUrl() + "/admin/calls/" + id);
  }
}
