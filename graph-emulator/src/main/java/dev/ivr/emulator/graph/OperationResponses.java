package dev.ivr.emulator.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivr.emulator.http.Response;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The {@code 200 OK + Location + operation} answer of operation actions. */
final class OperationResponses {

  private OperationResponses() {}

  static Response ok(Supplier<String> graphBaseUrl, String callId, ObjectNode op) {
    return Response.json(200, op).withHeader("Location",
        graphBaseUrl.get() + "/communications/calls/" + callId + "/operations/" + op.get("id").asText());
  }

  /** Answers, first waiting for the completion notification when the fault plan says so. */
  static Response started(Supplier<String> graphBaseUrl, String callId, MediaRequests.OpStart start) {
    if (start.holdResponseUntilCompletion()) {
      try {
        start.completionDelivered().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // answer anyway
      }
    }
    return ok(graphBaseUrl, callId, start.body());
  }
}
