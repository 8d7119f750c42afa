package dev.ivr.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.emulator.Callee;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Json;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import java.util.Locale;

/**
 * {@code POST /admin/callees} {@code {"target":"+14255550123","outcome":"answer|noAnswer|unreachable|noEndpoints|busy|declined",
 * "result":{"code":408,"subcode":8544,"message":"…"},"script":[...]}}: how an outbound, redirect or
 * transfer target behaves; {@code result} (optional) replaces the outcome's resultInfo.
 */
final class CalleesHandler implements Handler {
  private final EmulatorAdmin emulator;

  CalleesHandler(EmulatorAdmin emulator) {
    this.emulator = emulator;
  }

  @Override
  public Response handle(Request r) {
    JsonNode body = r.json();
    String target = Json.text(body, "target");
    if (target == null) throw new IllegalArgumentException("target is required");
    String outcome = body.path("outcome").asText("answer").replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    JsonNode s = body.get("script");
    CallerScript script = s == null || s.isNull() ? null : s.isTextual() ? CallerScript.parse(s.asText()) : CallerScript.fromJson(s);
    JsonNode result = body.get("result");
    Callee.Result end = result == null || result.isNull() ? null : new Callee.Result(
        result.path("code").asInt(), result.path("subcode").asInt(), Json.text(result, "message"));
    emulator.registerCallee(target, new Callee(Callee.Outcome.valueOf(outcome), script, end));
    return Response.empty(204);
  }
}
