package dev.ivr.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.emulator.Callee;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the parties the bot calls, redirects or transfers to behave, by their phone number, user or
 * application id (any case). Unregistered parties answer.
 */
final class Callees {

  private static final Callee ANSWERS = Callee.of(Callee.Outcome.ANSWER);

  private final Map<String, Callee> byTarget = new ConcurrentHashMap<>();

  void register(String target, Callee callee) {
    byTarget.put(target.toLowerCase(Locale.ROOT), callee);
  }

  Callee of(String targetId) {
    return byTarget.getOrDefault(targetId.toLowerCase(Locale.ROOT), ANSWERS);
  }

  /** The callee a Graph participant ({@code identity.phone|user|application|applicationInstance}) names. */
  Callee of(JsonNode participant) {
    JsonNode identity = participant.path("identity");
    for (String kind : List.of("phone", "user", "application", "applicationInstance")) {
      String id = identity.path(kind).path("id").asText(null);
      if (id != null) return of(id);
    }
    return ANSWERS;
  }
}
