package dev.ivr.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivr.emulator.CallView;
import dev.ivr.emulator.JournalEntry;
import dev.ivr.emulator.http.Json;
import dev.ivr.emulator.http.Response;
import java.util.List;

/** JSON of admin answers. */
final class AdminJson {

  private AdminJson() {}

  static Response ok(JsonNode body) {
    return Response.json(200, body);
  }

  static ArrayNode calls(List<CallView> calls) {
    ArrayNode a = Json.array();
    calls.forEach(c -> a.add(call(c)));
    return a;
  }

  static ObjectNode call(CallView c) {
    return Json.MAPPER.valueToTree(c);
  }

  static ArrayNode journal(List<JournalEntry> entries) {
    ArrayNode a = Json.array();
    for (JournalEntry e : entries) {
      a.addObject().put("sequence", e.sequence()).put("kind", e.kind().name()).put("method", e.method())
          .put("path", e.path()).put("status", e.status()).put("body", e.body()).put("callId", e.callId())
          .put("messageId", e.messageId()).put("startNanos", e.startNanos()).put("endNanos", e.endNanos())
          .put("at", e.at().toString());
    }
    return a;
  }
}
