package dev.ivr.api.outbound;

import dev.ivr.api.flow.CallFlows;
import dev.ivr.api.temporal.TemporalUnavailableException;
import dev.ivr.flowtools.FlowValidator;
import dev.ivr.workflows.graph.CreateCall;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/calls}: starts an outbound call's workflow and answers 202 with its workflow id.
 * The workflow places the call with Graph's create-call; Graph's notifications for it come back to
 * the webhook tagged with that workflow id. 422 when the request or the flow cannot be used, 429
 * (with Retry-After) over the app's limit of live calls or the outbound rate cap, 503 when Temporal
 * cannot be reached.
 *
 * <p>An {@code Idempotency-Key} header makes a retry safe: the same key and request answer 200 with the
 * call the first request started (header {@code Idempotent-Replayed: true}), never a second call; the
 * same key with a different request is 422. Keys are remembered as long as the namespace retains the
 * call's workflow.
 */
@RestController
class OutboundCallController {

  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
  /** On the 200 that answers a retried request with the call its key started before. */
  static final String REPLAYED = "Idempotent-Replayed";
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  private final OutboundCalls calls;
  private final CallFlows flows;

  OutboundCallController(OutboundCalls calls, CallFlows flows) {
    this.calls = calls;
    this.flows = flows;
  }

  record Started(String workflowId, String flow, String version) {}

  @PostMapping(path = "/api/calls", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> start(@RequestBody OutboundCallRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    OutboundCallRequest.Target target = request.target();
    if (target == null || (target.phone() == null) == (target.user() == null)) {
      return problem(HttpStatus.UNPROCESSABLE_CONTENT, "target needs exactly one of phone (E.164) or user");
    }
    if (target.phone() != null && !CreateCall.E164.matcher(target.phone()).matches()) {
      return problem(HttpStatus.UNPROCESSABLE_CONTENT, "target.phone must be an E.164 number such as +14255550100");
    }
    if (target.phone() != null && calls.sourceApplicationInstance() == null) {
      return problem(HttpStatus.UNPROCESSABLE_CONTENT,
          "calling a phone needs ivr.outbound.source-application-instance (Graph places PSTN calls from a resource account)");
    }
    for (String name : request.variables().keySet()) {
      if (!VARIABLE.matcher(name).matches()) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "variable name '" + name + "' is not an identifier");
      }
    }
    if (request.flow() == null || request.flow().isBlank()) {
      return problem(HttpStatus.UNPROCESSABLE_CONTENT, "flow (a flow id or alias) is required");
    }
    if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
      return problem(HttpStatus.UNPROCESSABLE_CONTENT,
          "Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good key)");
    }
    String workflowId = OutboundCalls.workflowIdFor(idempotencyKey);
    CallFlows.PinnedFlow pinned = calls.pin(request.flow(), workflowId).orElse(null);
    if (pinned == null) {
      return problem(HttpStatus.UNPROCESSABLE_CONTENT, "no flow or alias '" + request.flow() + "'");
    }
    if (FlowValidator.returns(pinned.flow())) {
      return problem(HttpStatus.UNPROCESSABLE_CONTENT,
          "flow '" + pinned.flow().id() + "' ends with 'return': it runs as a subflow, not as a call");
    }
    try {
      OutboundCalls.Outcome outcome = calls.start(workflowId, pinned, request, idempotencyKey);
      if (outcome instanceof OutboundCalls.Started started) {
        Started body = new Started(started.workflowId(), started.flow(), started.version());
        return started.replayed() ? ResponseEntity.ok().header(REPLAYED, "true").body(body)
            : ResponseEntity.accepted().body(body);
      } else if (outcome instanceof OutboundCalls.Refused refused) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .header(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()))
            .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, refused.detail()));
      } else if (outcome instanceof OutboundCalls.KeyReused reused) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "this Idempotency-Key started call " + reused.workflowId()
            + " with a different request; use a new key for a new call");
      }
      throw new IllegalStateException("unknown outcome " + outcome);
    } catch (TemporalUnavailableException e) {
      return problem(HttpStatus.SERVICE_UNAVAILABLE, "the workflow service cannot be reached; retry later");
    }
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(status, detail));
  }
}
